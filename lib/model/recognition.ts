import "server-only";
import { and, asc, count, desc, eq, ne, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  organisationRecognitions,
  startingPoints,
  stories,
  storyRecognitions,
  storyStartingPoints,
  users,
} from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { notifyStoryRecognised } from "@/lib/notifications/events";
import { startingPointName } from "@/lib/stories/cards";

// ------------------------------------------------------------------ recognition on a story

export type StoryRecognitionRow = {
  startingPointId: number;
  slug: string;
  name: string;
  position: number;
  taggedByAuthor: boolean;
  readers: number;
  mine: boolean;
};

/** Every starting point with the author's tag and how many readers recognise it in the story. */
export async function storyRecognitionSummary(params: {
  storyId: string;
  userId: string | null;
  locale: Locale;
}): Promise<StoryRecognitionRow[]> {
  const db = await getDb();
  const [spRows, tagged, counts, mine] = await Promise.all([
    db
      .select({
        id: startingPoints.id,
        slug: startingPoints.slug,
        name: startingPointName(params.locale),
        position: startingPoints.position,
      })
      .from(startingPoints)
      .orderBy(asc(startingPoints.position)),
    db
      .select({ id: storyStartingPoints.startingPointId })
      .from(storyStartingPoints)
      .where(eq(storyStartingPoints.storyId, params.storyId)),
    db
      .select({ id: storyRecognitions.startingPointId, readers: count() })
      .from(storyRecognitions)
      .where(eq(storyRecognitions.storyId, params.storyId))
      .groupBy(storyRecognitions.startingPointId),
    params.userId
      ? db
          .select({ id: storyRecognitions.startingPointId })
          .from(storyRecognitions)
          .where(
            and(eq(storyRecognitions.storyId, params.storyId), eq(storyRecognitions.userId, params.userId)),
          )
      : Promise.resolve([]),
  ]);
  const taggedIds = new Set(tagged.map((row) => row.id));
  const mineIds = new Set(mine.map((row) => row.id));
  const readers = new Map(counts.map((row) => [row.id, Number(row.readers)]));
  return spRows.map((sp) => ({
    startingPointId: sp.id,
    slug: sp.slug,
    name: sp.name,
    position: sp.position,
    taggedByAuthor: taggedIds.has(sp.id),
    readers: readers.get(sp.id) ?? 0,
    mine: mineIds.has(sp.id),
  }));
}

/**
 * Sets (not toggles) one reader's mark, so a repeated click or a retried request lands in the
 * same state; the primary key makes a second mark impossible.
 */
export async function setStoryRecognition(params: {
  storyId: string;
  userId: string;
  startingPointId: number;
  recognised: boolean;
}): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Locking the story first serialises concurrent marks, so each recount sees the others.
    await tx.select({ id: stories.id }).from(stories).where(eq(stories.id, params.storyId)).for("update");
    if (params.recognised) {
      await tx
        .insert(storyRecognitions)
        .values({ storyId: params.storyId, userId: params.userId, startingPointId: params.startingPointId })
        .onConflictDoNothing();
      await notifyStoryRecognised(tx, { storyId: params.storyId, readerId: params.userId });
    } else {
      await tx
        .delete(storyRecognitions)
        .where(
          and(
            eq(storyRecognitions.storyId, params.storyId),
            eq(storyRecognitions.userId, params.userId),
            eq(storyRecognitions.startingPointId, params.startingPointId),
          ),
        );
    }
    await tx
      .update(stories)
      .set({
        recognitionCount: sql`(SELECT count(DISTINCT ${storyRecognitions.userId})::int FROM ${storyRecognitions} WHERE ${storyRecognitions.storyId} = ${params.storyId})`,
      })
      .where(eq(stories.id, params.storyId));
  });
}

export async function startingPointIdBySlug(slug: string): Promise<number | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: startingPoints.id })
    .from(startingPoints)
    .where(eq(startingPoints.slug, slug));
  return row?.id ?? null;
}

// ------------------------------------------------------------------ recognition in an organisation

export type OrganisationNote = {
  id: string;
  note: string;
  createdAt: Date;
  updatedAt: Date;
  author: { name: string; handle: string };
};

export async function listOrganisationNotes(
  startingPointId: number,
  limit = 50,
): Promise<{ notes: OrganisationNote[]; total: number }> {
  const db = await getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: organisationRecognitions.id,
        note: organisationRecognitions.note,
        createdAt: organisationRecognitions.createdAt,
        updatedAt: organisationRecognitions.updatedAt,
        name: users.name,
        handle: users.handle,
      })
      .from(organisationRecognitions)
      .innerJoin(users, eq(users.id, organisationRecognitions.userId))
      .where(
        and(
          eq(organisationRecognitions.startingPointId, startingPointId),
          ne(organisationRecognitions.note, ""),
        ),
      )
      .orderBy(desc(organisationRecognitions.createdAt), desc(organisationRecognitions.id))
      .limit(limit),
    db
      .select({ n: count() })
      .from(organisationRecognitions)
      .where(eq(organisationRecognitions.startingPointId, startingPointId)),
  ]);
  return {
    notes: rows.map(({ name, handle, ...note }) => ({ ...note, author: { name, handle } })),
    total: Number(total?.n ?? 0),
  };
}

export async function myOrganisationRecognition(startingPointId: number, userId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: organisationRecognitions.id, note: organisationRecognitions.note })
    .from(organisationRecognitions)
    .where(
      and(
        eq(organisationRecognitions.startingPointId, startingPointId),
        eq(organisationRecognitions.userId, userId),
      ),
    );
  return row ?? null;
}

/** One recognition per member and starting point: saying it again updates the note. */
export async function saveOrganisationRecognition(params: {
  startingPointId: number;
  userId: string;
  note: string;
}): Promise<void> {
  const db = await getDb();
  await db
    .insert(organisationRecognitions)
    .values({ startingPointId: params.startingPointId, userId: params.userId, note: params.note })
    .onConflictDoUpdate({
      target: [organisationRecognitions.startingPointId, organisationRecognitions.userId],
      set: { note: params.note, updatedAt: new Date() },
    });
}

export async function removeOrganisationRecognition(params: {
  startingPointId: number;
  userId: string;
}): Promise<void> {
  const db = await getDb();
  await db
    .delete(organisationRecognitions)
    .where(
      and(
        eq(organisationRecognitions.startingPointId, params.startingPointId),
        eq(organisationRecognitions.userId, params.userId),
      ),
    );
}
