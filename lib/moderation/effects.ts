import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { comments, reports, stories, users } from "@/db/schema";
import { announceFirstPublication } from "@/lib/notifications/events";
import type { DecisionInput } from "./schema";
import type { Target } from "./targets";

// What a moderator's decision (or enough reports) does to the content or the account, inside the caller's transaction.

async function recountComments(db: Database, storyId: string): Promise<void> {
  await db
    .update(stories)
    .set({
      commentCount: sql`(SELECT count(*)::int FROM ${comments} WHERE ${comments.storyId} = ${storyId} AND ${comments.deletedAt} IS NULL AND ${comments.hiddenAt} IS NULL)`,
    })
    .where(eq(stories.id, storyId));
}

export async function hide(db: Database, target: Target, reason: string): Promise<void> {
  if (target.type === "story") {
    await db
      .update(stories)
      .set({ status: "hidden", moderationReason: reason })
      .where(eq(stories.id, target.id));
  } else if (target.type === "comment") {
    const [row] = await db
      .update(comments)
      .set({ hiddenAt: new Date(), hiddenReason: reason })
      .where(and(eq(comments.id, target.id), isNull(comments.hiddenAt)))
      .returning({ storyId: comments.storyId });
    if (row) await recountComments(db, row.storyId);
  }
}

export async function restore(db: Database, target: Target): Promise<void> {
  if (target.type === "story") {
    await db
      .update(stories)
      .set({
        status: "published",
        moderationReason: "",
        publishedAt: sql`coalesce(${stories.publishedAt}, now())`,
      })
      .where(and(eq(stories.id, target.id), eq(stories.status, "hidden")));
  } else if (target.type === "comment") {
    const [row] = await db
      .update(comments)
      .set({ hiddenAt: null, hiddenReason: "" })
      .where(eq(comments.id, target.id))
      .returning({ storyId: comments.storyId });
    if (row) await recountComments(db, row.storyId);
  }
}

export async function remove(db: Database, target: Target): Promise<void> {
  if (target.type === "story") {
    await db.delete(stories).where(eq(stories.id, target.id));
  } else if (target.type === "comment") {
    const [row] = await db
      .update(comments)
      .set({ deletedAt: new Date() })
      .where(and(eq(comments.id, target.id), isNull(comments.deletedAt)))
      .returning({ storyId: comments.storyId });
    if (row) await recountComments(db, row.storyId);
  }
}

const SUSPENSION_DAYS = { "1": 1, "7": 7, "30": 30 } as const;

export async function suspend(
  db: Database,
  userId: string,
  period: NonNullable<DecisionInput["period"]>,
  reason: string,
): Promise<void> {
  const forGood = period === "forever";
  const until = forGood ? null : new Date(Date.now() + SUSPENSION_DAYS[period] * 86_400_000);
  await db
    .update(users)
    // A new session version ends every session the member has open.
    .set({
      suspendedUntil: until,
      suspendedForGood: forGood,
      suspensionReason: reason,
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, userId));
}

export async function unsuspend(db: Database, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ suspendedUntil: null, suspendedForGood: false, suspensionReason: "" })
    .where(eq(users.id, userId));
}

export async function approve(db: Database, target: Target): Promise<void> {
  const announce = await announceFirstPublication(db, target.id);
  await db
    .update(stories)
    .set({
      status: "published",
      moderationReason: "",
      publishedAt: sql`coalesce(${stories.publishedAt}, now())`,
    })
    .where(and(eq(stories.id, target.id), eq(stories.status, "pending")));
  await announce();
}

export async function reject(db: Database, target: Target, reason: string): Promise<void> {
  await db
    .update(stories)
    .set({ status: "draft", moderationReason: reason })
    .where(and(eq(stories.id, target.id), eq(stories.status, "pending")));
}

export async function resolveReports(
  db: Database,
  target: Pick<Target, "type" | "id">,
  resolvedById: string | null,
): Promise<void> {
  await db
    .update(reports)
    .set({ resolvedAt: new Date(), resolvedById })
    .where(
      and(eq(reports.targetType, target.type), eq(reports.targetId, target.id), isNull(reports.resolvedAt)),
    );
}
