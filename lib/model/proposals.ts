import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  proposalComments,
  proposals,
  proposalStories,
  proposalSupports,
  startingPoints,
  stories,
  users,
  type ProposalStatus,
} from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { published } from "@/lib/stories/query-pieces";
import { slugify } from "@/lib/stories/slug";
import { startingPointName } from "@/lib/stories/cards";

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

export async function createProposal(params: {
  proposerId: string;
  name: string;
  explanation: string;
  storySlugs: string[];
}): Promise<{ id: string }> {
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
    if (linked.length > 0)
      await tx
        .insert(proposalStories)
        .values(linked.map((row) => ({ proposalId: proposal.id, storyId: row.id })));
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
      resultingName: startingPointName(params.locale),
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
    .select({
      id: proposals.id,
      name: proposals.name,
      proposerId: proposals.proposerId,
      status: proposals.status,
    })
    .from(proposals)
    .where(eq(proposals.id, id));
  return row ?? null;
}

/** One vote per member; the counter moves in the same transaction and only when a row changed. */
export async function setProposalSupport(params: {
  proposalId: string;
  userId: string;
  supported: boolean;
}): Promise<void> {
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
          .where(
            and(
              eq(proposalSupports.proposalId, params.proposalId),
              eq(proposalSupports.userId, params.userId),
            ),
          )
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

export async function createProposalComment(params: {
  proposalId: string;
  authorId: string;
  body: string;
}): Promise<void> {
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

export type DecisionResult =
  { ok: true } | { ok: false; reason: "already_decided" | "unknown_starting_point" };

/**
 * A moderator's decision, once: accepting adds a starting point in both languages at the end
 * of the model; merging points to an existing one; declining keeps the reason for the proposer.
 */
export async function decideProposal(
  params: { proposalId: string; moderatorId: string } & (
    | {
        decision: "accept";
        nameEn: string;
        nameNl: string;
        descriptionEn: string;
        descriptionNl: string;
        reason: string;
      }
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
      const [{ next }] = await tx
        .select({ next: sql<number>`coalesce(max(${startingPoints.position}), 0) + 1` })
        .from(startingPoints);
      const base = slugify(params.nameEn);
      const taken = new Set(
        (await tx.select({ slug: startingPoints.slug }).from(startingPoints)).map((row) => row.slug),
      );
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
      const [target] = await tx
        .select({ id: startingPoints.id })
        .from(startingPoints)
        .where(eq(startingPoints.slug, params.mergeInto));
      if (!target) return { ok: false, reason: "unknown_starting_point" };
      resultingStartingPointId = target.id;
    }

    await tx
      .update(proposals)
      .set({
        status:
          params.decision === "accept" ? "accepted" : params.decision === "merge" ? "merged" : "declined",
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
