import "server-only";
import { and, asc, count, countDistinct, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  organisationRecognitions,
  proposalComments,
  proposals,
  proposalStories,
  proposalSupports,
  startingPoints,
  stories,
  storyRecognitions,
  storyStartingPoints,
  users,
  type ProposalStatus,
} from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { notifyStoryRecognised } from "@/lib/notifications/events";
import { published } from "@/lib/stories/queries";
import { slugify } from "@/lib/stories/slug";
import { translationTitles } from "@/lib/stories/translations";
import type { StoryEvidence } from "./statistics";

function spName(locale: Locale) {
  return locale === "nl" ? startingPoints.nameNl : startingPoints.nameEn;
}

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
export async function storyRecognitionSummary(params: { storyId: string; userId: string | null; locale: Locale }): Promise<StoryRecognitionRow[]> {
  const db = await getDb();
  const [spRows, tagged, counts, mine] = await Promise.all([
    db
      .select({ id: startingPoints.id, slug: startingPoints.slug, name: spName(params.locale), position: startingPoints.position })
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
          .where(and(eq(storyRecognitions.storyId, params.storyId), eq(storyRecognitions.userId, params.userId)))
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
export async function setStoryRecognition(params: { storyId: string; userId: string; startingPointId: number; recognised: boolean }): Promise<void> {
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
  const [row] = await db.select({ id: startingPoints.id }).from(startingPoints).where(eq(startingPoints.slug, slug));
  return row?.id ?? null;
}

// ------------------------------------------------------------------ recognition in an organisation

export type OrganisationNote = { id: string; note: string; createdAt: Date; updatedAt: Date; author: { name: string; handle: string } };

export async function listOrganisationNotes(startingPointId: number, limit = 50): Promise<{ notes: OrganisationNote[]; total: number }> {
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
      .where(and(eq(organisationRecognitions.startingPointId, startingPointId), ne(organisationRecognitions.note, "")))
      .orderBy(desc(organisationRecognitions.createdAt), desc(organisationRecognitions.id))
      .limit(limit),
    db.select({ n: count() }).from(organisationRecognitions).where(eq(organisationRecognitions.startingPointId, startingPointId)),
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
    .where(and(eq(organisationRecognitions.startingPointId, startingPointId), eq(organisationRecognitions.userId, userId)));
  return row ?? null;
}

/** One recognition per member and starting point: saying it again updates the note. */
export async function saveOrganisationRecognition(params: { startingPointId: number; userId: string; note: string }): Promise<void> {
  const db = await getDb();
  await db
    .insert(organisationRecognitions)
    .values({ startingPointId: params.startingPointId, userId: params.userId, note: params.note })
    .onConflictDoUpdate({
      target: [organisationRecognitions.startingPointId, organisationRecognitions.userId],
      set: { note: params.note, updatedAt: new Date() },
    });
}

export async function removeOrganisationRecognition(params: { startingPointId: number; userId: string }): Promise<void> {
  const db = await getDb();
  await db
    .delete(organisationRecognitions)
    .where(and(eq(organisationRecognitions.startingPointId, params.startingPointId), eq(organisationRecognitions.userId, params.userId)));
}

// ------------------------------------------------------------------ evidence for the model page

export type StartingPointEvidence = { slug: string; name: string; position: number; taggedStories: number; readerRecognitions: number; organisationRecognitions: number };

/** Live figures per starting point, and per published story the data the statistics need. */
export async function modelEvidence(locale: Locale): Promise<{ startingPoints: StartingPointEvidence[]; stories: (StoryEvidence & { storyId: string })[] }> {
  const db = await getDb();
  const [spRows, tags, recognitionRows, readerRows, orgRows] = await Promise.all([
    db
      .select({ id: startingPoints.id, slug: startingPoints.slug, name: spName(locale), position: startingPoints.position })
      .from(startingPoints)
      .orderBy(asc(startingPoints.position)),
    db
      .select({ storyId: storyStartingPoints.storyId, slug: startingPoints.slug })
      .from(storyStartingPoints)
      .innerJoin(stories, and(eq(stories.id, storyStartingPoints.storyId), published()))
      .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId)),
    db
      .select({ storyId: storyRecognitions.storyId, slug: startingPoints.slug, readers: count() })
      .from(storyRecognitions)
      .innerJoin(stories, and(eq(stories.id, storyRecognitions.storyId), published()))
      .innerJoin(startingPoints, eq(startingPoints.id, storyRecognitions.startingPointId))
      .groupBy(storyRecognitions.storyId, startingPoints.slug),
    db
      .select({ storyId: storyRecognitions.storyId, readers: countDistinct(storyRecognitions.userId) })
      .from(storyRecognitions)
      .innerJoin(stories, and(eq(stories.id, storyRecognitions.storyId), published()))
      .groupBy(storyRecognitions.storyId),
    db
      .select({ id: organisationRecognitions.startingPointId, n: count() })
      .from(organisationRecognitions)
      .groupBy(organisationRecognitions.startingPointId),
  ]);

  const byStory = new Map<string, StoryEvidence & { storyId: string }>();
  const story = (storyId: string) => {
    let entry = byStory.get(storyId);
    if (!entry) byStory.set(storyId, (entry = { storyId, authorTags: [], recognitions: {}, readers: 0 }));
    return entry;
  };
  for (const row of tags) story(row.storyId).authorTags.push(row.slug);
  for (const row of recognitionRows) story(row.storyId).recognitions[row.slug] = Number(row.readers);
  for (const row of readerRows) story(row.storyId).readers = Number(row.readers);

  const tagged = new Map<string, number>();
  const recognised = new Map<string, number>();
  for (const row of tags) tagged.set(row.slug, (tagged.get(row.slug) ?? 0) + 1);
  for (const row of recognitionRows) recognised.set(row.slug, (recognised.get(row.slug) ?? 0) + Number(row.readers));
  const orgCounts = new Map(orgRows.map((row) => [row.id, Number(row.n)]));

  return {
    startingPoints: spRows.map((sp) => ({
      slug: sp.slug,
      name: sp.name,
      position: sp.position,
      taggedStories: tagged.get(sp.slug) ?? 0,
      readerRecognitions: recognised.get(sp.slug) ?? 0,
      organisationRecognitions: orgCounts.get(sp.id) ?? 0,
    })),
    stories: [...byStory.values()],
  };
}

// ------------------------------------------------------------------ research export

export type ExportRow = {
  id: string;
  slug: string;
  title: string;
  organisation: string;
  organisationType: string;
  language: string;
  publishedAt: Date | null;
  updatedAt: Date;
  author: string | null;
  authorTags: string[];
  recognitions: Record<string, number>;
  commentCount: number;
  /** The author's translations (decision 030): language and title of each. */
  translations: { language: string; title: string }[];
};

/** One row per published story, public fields only: display names, never emails. */
export async function exportRows(): Promise<{ slugs: string[]; rows: ExportRow[] }> {
  const db = await getDb();
  const [spRows, storyRows, evidence] = await Promise.all([
    db.select({ slug: startingPoints.slug }).from(startingPoints).orderBy(asc(startingPoints.position)),
    db
      .select({
        id: stories.id,
        slug: stories.slug,
        title: stories.title,
        organisation: stories.organisation,
        organisationType: stories.organisationType,
        language: stories.language,
        publishedAt: stories.publishedAt,
        updatedAt: stories.updatedAt,
        author: users.name,
        commentCount: stories.commentCount,
      })
      .from(stories)
      .leftJoin(users, eq(users.id, stories.authorId))
      .where(published())
      .orderBy(asc(stories.publishedAt), asc(stories.id)),
    modelEvidence("en"),
  ]);
  const slugs = spRows.map((row) => row.slug);
  const byId = new Map(evidence.stories.map((s) => [s.storyId, s]));
  const translated = await translationTitles(storyRows.map((row) => row.id));
  return {
    slugs,
    rows: storyRows.map((row) => {
      const found = byId.get(row.id);
      const authorTags = slugs.filter((slug) => found?.authorTags.includes(slug));
      const recognitions = Object.fromEntries(slugs.map((slug) => [slug, found?.recognitions[slug] ?? 0]));
      return { ...row, authorTags, recognitions, translations: translated.get(row.id) ?? [] };
    }),
  };
}

// ------------------------------------------------------------------ proposals

export type ProposalSummary = {
  id: string;
  name: string;
  status: ProposalStatus;
  supportCount: number;
  commentCount: number;
  createdAt: Date;
  decidedAt: Date | null;
  proposer: { name: string; handle: string } | null;
};

export async function listProposals(): Promise<ProposalSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: proposals.id,
      name: proposals.name,
      status: proposals.status,
      supportCount: proposals.supportCount,
      commentCount: proposals.commentCount,
      createdAt: proposals.createdAt,
      decidedAt: proposals.decidedAt,
      proposerName: users.name,
      proposerHandle: users.handle,
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.proposerId))
    .orderBy(sql`${proposals.status} = 'open' desc`, desc(proposals.supportCount), desc(proposals.createdAt))
    .limit(200);
  return rows.map(({ proposerName, proposerHandle, ...row }) => ({
    ...row,
    proposer: proposerName && proposerHandle ? { name: proposerName, handle: proposerHandle } : null,
  }));
}

export class UnknownStoriesError extends Error {
  constructor(public readonly slugs: string[]) {
    super(`Unknown stories: ${slugs.join(", ")}`);
  }
}

export async function createProposal(params: { proposerId: string; name: string; explanation: string; storySlugs: string[] }): Promise<{ id: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const linked = params.storySlugs.length
      ? await tx
          .select({ id: stories.id, slug: stories.slug })
          .from(stories)
          .where(and(inArray(stories.slug, params.storySlugs), published()))
      : [];
    const missing = params.storySlugs.filter((slug) => !linked.some((row) => row.slug === slug));
    if (missing.length > 0) throw new UnknownStoriesError(missing);
    const [proposal] = await tx
      .insert(proposals)
      .values({ proposerId: params.proposerId, name: params.name, explanation: params.explanation })
      .returning({ id: proposals.id });
    if (linked.length > 0) await tx.insert(proposalStories).values(linked.map((row) => ({ proposalId: proposal.id, storyId: row.id })));
    return proposal;
  });
}

export async function getProposal(params: { id: string; userId: string | null; locale: Locale }) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: proposals.id,
      name: proposals.name,
      explanation: proposals.explanation,
      status: proposals.status,
      supportCount: proposals.supportCount,
      commentCount: proposals.commentCount,
      decisionReason: proposals.decisionReason,
      decidedAt: proposals.decidedAt,
      createdAt: proposals.createdAt,
      proposerId: proposals.proposerId,
      proposerName: users.name,
      proposerHandle: users.handle,
      resultingSlug: startingPoints.slug,
      resultingName: spName(params.locale),
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.proposerId))
    .leftJoin(startingPoints, eq(startingPoints.id, proposals.resultingStartingPointId))
    .where(eq(proposals.id, params.id))
    .limit(1);
  if (!row) return null;
  const [linked, supported] = await Promise.all([
    db
      .select({ slug: stories.slug, title: stories.title })
      .from(proposalStories)
      .innerJoin(stories, and(eq(stories.id, proposalStories.storyId), published()))
      .where(eq(proposalStories.proposalId, params.id)),
    params.userId
      ? db
          .select({ userId: proposalSupports.userId })
          .from(proposalSupports)
          .where(and(eq(proposalSupports.proposalId, params.id), eq(proposalSupports.userId, params.userId)))
      : Promise.resolve([]),
  ]);
  const { proposerName, proposerHandle, resultingSlug, resultingName, ...proposal } = row;
  return {
    ...proposal,
    proposer: proposerName && proposerHandle ? { name: proposerName, handle: proposerHandle } : null,
    resulting: resultingSlug && resultingName ? { slug: resultingSlug, name: resultingName } : null,
    stories: linked,
    supportedByMe: supported.length > 0,
  };
}

export type ProposalDetail = NonNullable<Awaited<ReturnType<typeof getProposal>>>;

export async function getProposalAccess(id: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: proposals.id, name: proposals.name, proposerId: proposals.proposerId, status: proposals.status })
    .from(proposals)
    .where(eq(proposals.id, id));
  return row ?? null;
}

/** One vote per member; the counter moves in the same transaction and only when a row changed. */
export async function setProposalSupport(params: { proposalId: string; userId: string; supported: boolean }): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const changed = params.supported
      ? await tx
          .insert(proposalSupports)
          .values({ proposalId: params.proposalId, userId: params.userId })
          .onConflictDoNothing()
          .returning({ userId: proposalSupports.userId })
      : await tx
          .delete(proposalSupports)
          .where(and(eq(proposalSupports.proposalId, params.proposalId), eq(proposalSupports.userId, params.userId)))
          .returning({ userId: proposalSupports.userId });
    if (changed.length === 0) return;
    await tx
      .update(proposals)
      .set({ supportCount: sql`${proposals.supportCount} + ${params.supported ? 1 : -1}` })
      .where(eq(proposals.id, params.proposalId));
  });
}

export async function listProposalComments(proposalId: string) {
  const db = await getDb();
  const rows = await db
    .select({
      id: proposalComments.id,
      body: proposalComments.body,
      createdAt: proposalComments.createdAt,
      authorName: users.name,
      authorHandle: users.handle,
    })
    .from(proposalComments)
    .leftJoin(users, eq(users.id, proposalComments.authorId))
    .where(and(eq(proposalComments.proposalId, proposalId), sql`${proposalComments.deletedAt} is null`))
    .orderBy(asc(proposalComments.createdAt), asc(proposalComments.id))
    .limit(500);
  return rows.map(({ authorName, authorHandle, ...comment }) => ({
    ...comment,
    author: authorName && authorHandle ? { name: authorName, handle: authorHandle } : null,
  }));
}

export async function createProposalComment(params: { proposalId: string; authorId: string; body: string }): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(proposalComments).values(params);
    await tx
      .update(proposals)
      .set({ commentCount: sql`${proposals.commentCount} + 1` })
      .where(eq(proposals.id, params.proposalId));
  });
}

// Paths that the starting point routes use themselves.
const RESERVED_SLUGS = new Set(["proposals", "export.csv", "export.json", "new", "triggers"]);

export type DecisionResult = { ok: true } | { ok: false; reason: "already_decided" | "unknown_starting_point" };

/**
 * A moderator's decision, once: accepting adds a starting point in both languages at the end
 * of the model; merging points to an existing one; declining keeps the reason for the proposer.
 */
export async function decideProposal(
  params: { proposalId: string; moderatorId: string } & (
    | { decision: "accept"; nameEn: string; nameNl: string; descriptionEn: string; descriptionNl: string; reason: string }
    | { decision: "merge"; mergeInto: string; reason: string }
    | { decision: "decline"; reason: string }
  ),
): Promise<DecisionResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Lock the proposal row so two moderators cannot both decide it.
    const [current] = await tx
      .select({ status: proposals.status })
      .from(proposals)
      .where(eq(proposals.id, params.proposalId))
      .for("update");
    if (!current || current.status !== "open") return { ok: false, reason: "already_decided" };

    let resultingStartingPointId: number | null = null;
    if (params.decision === "accept") {
      const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${startingPoints.position}), 0) + 1` }).from(startingPoints);
      const base = slugify(params.nameEn);
      const taken = new Set((await tx.select({ slug: startingPoints.slug }).from(startingPoints)).map((row) => row.slug));
      let slug = base;
      for (let n = 2; taken.has(slug) || RESERVED_SLUGS.has(slug); n++) slug = `${base}-${n}`;
      const [created] = await tx
        .insert(startingPoints)
        .values({
          slug,
          position: Number(next),
          nameEn: params.nameEn,
          nameNl: params.nameNl,
          taglineEn: firstSentence(params.descriptionEn),
          taglineNl: firstSentence(params.descriptionNl),
          descriptionEn: params.descriptionEn,
          descriptionNl: params.descriptionNl,
        })
        .returning({ id: startingPoints.id });
      resultingStartingPointId = created.id;
    } else if (params.decision === "merge") {
      const [target] = await tx.select({ id: startingPoints.id }).from(startingPoints).where(eq(startingPoints.slug, params.mergeInto));
      if (!target) return { ok: false, reason: "unknown_starting_point" };
      resultingStartingPointId = target.id;
    }

    await tx
      .update(proposals)
      .set({
        status: params.decision === "accept" ? "accepted" : params.decision === "merge" ? "merged" : "declined",
        decisionReason: params.reason,
        decidedById: params.moderatorId,
        decidedAt: new Date(),
        updatedAt: new Date(),
        resultingStartingPointId,
      })
      .where(eq(proposals.id, params.proposalId));
    return { ok: true };
  });
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s/)[0] ?? text;
  return sentence.length > 120 ? `${sentence.slice(0, 119).trimEnd()}…` : sentence;
}
