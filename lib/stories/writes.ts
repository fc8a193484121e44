import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { startingPoints, stories, storyRevisions, storyStartingPoints, type StoryStatus } from "@/db/schema";
import { once } from "@/lib/idempotency";
import { announceFirstPublication, notifyStoryPublished } from "@/lib/notifications/events";
import { revisionContentColumns } from "./history";
import { pickStoryContent, type StoryInput, type StoryIntent } from "./schema";
import { storySlug } from "./slug";

export class UnknownStartingPointError extends Error {
  constructor(public readonly slugs: string[]) {
    super(`Unknown starting point: ${slugs.join(", ")}`);
  }
}

async function startingPointIds(db: Database, slugs: string[]): Promise<number[]> {
  const rows = await db
    .select({ id: startingPoints.id, slug: startingPoints.slug })
    .from(startingPoints)
    .where(inArray(startingPoints.slug, slugs));
  const missing = slugs.filter((slug) => !rows.some((row) => row.slug === slug));
  if (missing.length > 0) throw new UnknownStartingPointError(missing);
  return rows.map((row) => row.id);
}

/** "pending" when the author's stories wait for a moderator's approval (see lib/moderation). */
export type PublishAs = "published" | "pending";

export async function createStory(params: {
  authorId: string;
  input: StoryInput;
  intent: StoryIntent;
  publishAs?: PublishAs;
  /** The form's key: a second submission of the same form returns the first story. */
  idempotencyKey?: string | null;
}): Promise<{ id: string; slug: string }> {
  const db = await getDb();
  const now = new Date();
  const ref = params.idempotencyKey
    ? { userId: params.authorId, key: params.idempotencyKey, scope: "story.create" }
    : null;
  return db.transaction(async (tx) => {
    const { result } = await once(tx, ref, async () => {
      const spIds = await startingPointIds(tx, params.input.startingPoints);
      const [story] = await tx
        .insert(stories)
        .values({
          ...pickStoryContent(params.input),
          slug: storySlug(params.input.title),
          authorId: params.authorId,
          status: params.intent === "publish" ? (params.publishAs ?? "published") : "draft",
          publishedAt: params.intent === "publish" && params.publishAs !== "pending" ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: stories.id, slug: stories.slug });
      // A draft may have no starting point yet (lib/stories/schema.ts, storyDraftSchema).
      if (spIds.length > 0)
        await tx
          .insert(storyStartingPoints)
          .values(spIds.map((startingPointId) => ({ storyId: story.id, startingPointId })));
      await notifyStoryPublished(tx, story.id);
      return story;
    });
    return result;
  });
}

// ------------------------------------------------------------------ edits, and the revisions they keep

export type UpdateResult = { ok: true; slug: string } | { ok: false; reason: "conflict" | "not_found" };

/** Text that readers have seen (or moderators hid after they did): edits of it are kept as history. */
function keepsHistory(status: StoryStatus): boolean {
  return status === "published" || status === "hidden";
}

/**
 * The one way a story's content changes (an edit, or a restore of an old version), inside the
 * caller's transaction.
 *
 * Concurrency: the row is locked and its version compared with the one the person started
 * from. Of two saves from the same version exactly one passes; the other waits for the lock,
 * then sees the bumped version and is refused without writing anything (the unique index on
 * story_revisions (story_id, version) would refuse a second revision anyway).
 *
 * History: a revision row holds the content of one version, who saved that version and when.
 * The story row does not record who saved its current text, so the row of a version is written
 * when that version is saved, as long as the story is published or hidden afterwards (draft
 * edits are nobody's business but the author's). Before the edit, the version being replaced
 * is copied too if no row holds it yet: the first edit after publication, whose text its
 * author wrote, so it is credited to the author. The newest row of an edited published story
 * is therefore its current text.
 */
async function saveStoryContent(
  tx: Database,
  params: {
    storyId: string;
    expectedVersion: number;
    input: StoryInput;
    /** The status after the save, given the status before it. */
    nextStatus: (current: StoryStatus) => StoryStatus;
    /** Publish now: sets the publication date unless the story has one. */
    publish: boolean;
    editorId: string | null;
  },
): Promise<UpdateResult & { title?: string }> {
  const [current] = await tx
    .select({
      slug: stories.slug,
      authorId: stories.authorId,
      status: stories.status,
      version: stories.version,
      publishedAt: stories.publishedAt,
      updatedAt: stories.updatedAt,
      editedAt: stories.editedAt,
      ...pickStoryContent(stories),
    })
    .from(stories)
    .where(eq(stories.id, params.storyId))
    .for("update");
  if (!current) return { ok: false, reason: "not_found" };
  if (current.version !== params.expectedVersion) return { ok: false, reason: "conflict" };

  const spIds = await startingPointIds(tx, params.input.startingPoints);
  const now = new Date();
  const status = params.nextStatus(current.status);
  const version = current.version + 1;

  if (keepsHistory(current.status)) {
    const slugs = await startingPointSlugs(tx, params.storyId);
    await tx
      .insert(storyRevisions)
      .values({
        storyId: params.storyId,
        version: current.version,
        ...pickStoryContent(current),
        startingPoints: slugs,
        savedById: current.authorId,
        savedAt: current.updatedAt,
      })
      .onConflictDoNothing();
  }

  await tx
    .update(stories)
    .set({
      ...pickStoryContent(params.input),
      status,
      // The first publication fixes the date; later edits or re-publishing keep it.
      publishedAt: params.publish ? (current.publishedAt ?? now) : current.publishedAt,
      // "Edited" means: the text changed after readers could see it.
      editedAt:
        keepsHistory(current.status) || (keepsHistory(status) && current.publishedAt)
          ? now
          : current.editedAt,
      updatedAt: now,
      version,
    })
    // The lock already guarantees it; the version check keeps that true should the lock go.
    .where(and(eq(stories.id, params.storyId), eq(stories.version, current.version)));
  await tx.delete(storyStartingPoints).where(eq(storyStartingPoints.storyId, params.storyId));
  if (spIds.length > 0)
    await tx
      .insert(storyStartingPoints)
      .values(spIds.map((startingPointId) => ({ storyId: params.storyId, startingPointId })));

  if (keepsHistory(status)) {
    await tx.insert(storyRevisions).values({
      storyId: params.storyId,
      version,
      ...pickStoryContent(params.input),
      startingPoints: params.input.startingPoints,
      savedById: params.editorId ?? current.authorId,
      savedAt: now,
    });
  }
  return { ok: true, slug: current.slug, title: params.input.title };
}

/** The story's starting points as slugs, in model order. */
async function startingPointSlugs(db: Database, storyId: string): Promise<string[]> {
  const rows = await db
    .select({ slug: startingPoints.slug })
    .from(storyStartingPoints)
    .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId))
    .where(eq(storyStartingPoints.storyId, storyId))
    .orderBy(asc(startingPoints.position));
  return rows.map((row) => row.slug);
}

/**
 * Saves an edit only if nobody saved another one since the form was opened (`version`), so a
 * second tab can never silently overwrite the first. `editorId` is who saves (the author when
 * not given); it is recorded in the story's history.
 */
export async function updateStory(params: {
  storyId: string;
  expectedVersion: number;
  input: StoryInput;
  intent: StoryIntent;
  publishAs?: PublishAs;
  editorId?: string | null;
}): Promise<UpdateResult> {
  const db = await getDb();
  const publishAs = params.publishAs ?? "published";
  return db.transaction(async (tx) => {
    const announce = await announceFirstPublication(tx, params.storyId);
    const result = await saveStoryContent(tx, {
      storyId: params.storyId,
      expectedVersion: params.expectedVersion,
      input: params.input,
      // A hidden story stays hidden whatever its author does; a published one stays published.
      nextStatus: (status) =>
        params.intent === "publish"
          ? keepsHistory(status)
            ? status
            : publishAs
          : status === "hidden"
            ? "hidden"
            : "draft",
      publish: params.intent === "publish" && publishAs === "published",
      editorId: params.editorId ?? null,
    });
    if (result.ok) await announce();
    return result.ok ? { ok: true, slug: result.slug } : result;
  });
}

export type RestoreResult =
  { ok: true; slug: string; title: string } | { ok: false; reason: "conflict" | "not_found" };

/**
 * Makes an old version's content current again: a new edit (new version, new revision), so
 * the versions in between stay in the history and the restore itself can be undone. The
 * story's status does not change.
 */
export async function restoreRevision(params: {
  storyId: string;
  version: number;
  expectedVersion: number;
  editorId: string;
}): Promise<RestoreResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [revision] = await tx
      .select({ ...revisionContentColumns })
      .from(storyRevisions)
      .where(and(eq(storyRevisions.storyId, params.storyId), eq(storyRevisions.version, params.version)));
    if (!revision) return { ok: false, reason: "not_found" } as const;
    const result = await saveStoryContent(tx, {
      storyId: params.storyId,
      expectedVersion: params.expectedVersion,
      input: revision,
      nextStatus: (status) => status,
      publish: false,
      editorId: params.editorId,
    });
    return result.ok ? { ok: true, slug: result.slug, title: revision.title } : result;
  });
}

export async function deleteStory(storyId: string): Promise<void> {
  const db = await getDb();
  await db.delete(stories).where(eq(stories.id, storyId));
}
