import "server-only";
import { and, asc, count, countDistinct, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  comments,
  moderationActions,
  reports,
  stories,
  users,
  type ModerationActionKind,
  type ReportReason,
} from "@/db/schema";
import { resolveTarget, type Target } from "./targets";

export type MemberHistory = {
  memberSince: Date;
  stories: number;
  comments: number;
  /** Earlier decisions against this member, by kind. */
  actions: Partial<Record<ModerationActionKind, number>>;
};

export async function memberHistories(userIds: string[]): Promise<Map<string, MemberHistory>> {
  const ids = [...new Set(userIds)];
  const histories = new Map<string, MemberHistory>();
  if (ids.length === 0) return histories;
  const db = await getDb();
  const [members, storyCounts, commentCounts, actionCounts] = await Promise.all([
    db.select({ id: users.id, createdAt: users.createdAt }).from(users).where(inArray(users.id, ids)),
    db
      .select({ id: stories.authorId, n: count() })
      .from(stories)
      .where(inArray(stories.authorId, ids))
      .groupBy(stories.authorId),
    db
      .select({ id: comments.authorId, n: count() })
      .from(comments)
      .where(and(inArray(comments.authorId, ids), isNull(comments.deletedAt)))
      .groupBy(comments.authorId),
    db
      .select({ id: moderationActions.targetUserId, action: moderationActions.action, n: count() })
      .from(moderationActions)
      .where(
        and(
          inArray(moderationActions.targetUserId, ids),
          inArray(moderationActions.action, ["hide", "delete", "warn", "suspend", "auto_hide", "reject"]),
        ),
      )
      .groupBy(moderationActions.targetUserId, moderationActions.action),
  ]);
  for (const member of members)
    histories.set(member.id, { memberSince: member.createdAt, stories: 0, comments: 0, actions: {} });
  for (const row of storyCounts) if (row.id) histories.get(row.id)!.stories = Number(row.n);
  for (const row of commentCounts) if (row.id) histories.get(row.id)!.comments = Number(row.n);
  for (const row of actionCounts) if (row.id) histories.get(row.id)!.actions[row.action] = Number(row.n);
  return histories;
}

export type QueueItem = {
  target: Target;
  reporters: number;
  reasons: { reason: ReportReason; count: number }[];
  notes: { reason: ReportReason; note: string; createdAt: Date }[];
  firstReportedAt: Date;
  author: { name: string; handle: string; history: MemberHistory } | null;
};

export const QUEUE_SIZE = 50;

/** Open reports, one item per reported target, most reported first, then oldest first. */
export async function reviewQueue(): Promise<QueueItem[]> {
  const db = await getDb();
  const open = isNull(reports.resolvedAt);
  const groups = await db
    .select({
      targetType: reports.targetType,
      targetId: reports.targetId,
      reporters: countDistinct(reports.reporterId),
      firstReportedAt: sql<Date>`min(${reports.createdAt})`.mapWith(reports.createdAt),
    })
    .from(reports)
    .where(open)
    .groupBy(reports.targetType, reports.targetId)
    .orderBy(desc(countDistinct(reports.reporterId)), asc(sql`min(${reports.createdAt})`))
    .limit(QUEUE_SIZE);
  if (groups.length === 0) return [];

  const keys = groups.map((g) => `${g.targetType}:${g.targetId}`);
  const details = await db
    .select({
      targetType: reports.targetType,
      targetId: reports.targetId,
      reason: reports.reason,
      note: reports.note,
      createdAt: reports.createdAt,
    })
    .from(reports)
    .where(and(open, inArray(sql`${reports.targetType}::text || ':' || ${reports.targetId}`, keys)))
    .orderBy(asc(reports.createdAt));
  const targets = await Promise.all(groups.map((g) => resolveTarget(db, g.targetType, g.targetId)));
  return withAuthors(
    groups.flatMap((group, i) => {
      const target = targets[i];
      if (!target) return [];
      const mine = details.filter((d) => d.targetType === group.targetType && d.targetId === group.targetId);
      const reasons = new Map<ReportReason, number>();
      for (const d of mine) reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
      return [
        {
          target,
          reporters: Number(group.reporters),
          reasons: [...reasons].map(([reason, n]) => ({ reason, count: n })),
          notes: mine
            .filter((d) => d.note)
            .map(({ reason, note, createdAt }) => ({ reason, note, createdAt })),
          firstReportedAt: group.firstReportedAt,
          author: null,
        },
      ];
    }),
  );
}

async function withAuthors<T extends { target: Target; author: QueueItem["author"] }>(
  items: T[],
): Promise<T[]> {
  const ids = items.flatMap((item) => (item.target.userId ? [item.target.userId] : []));
  if (ids.length === 0) return items;
  const db = await getDb();
  const [histories, names] = await Promise.all([
    memberHistories(ids),
    db
      .select({ id: users.id, name: users.name, handle: users.handle })
      .from(users)
      .where(inArray(users.id, ids)),
  ]);
  return items.map((item) => {
    const member = names.find((n) => n.id === item.target.userId);
    const history = item.target.userId ? histories.get(item.target.userId) : undefined;
    return {
      ...item,
      author: member && history ? { name: member.name, handle: member.handle, history } : null,
    };
  });
}

export type PendingStory = { target: Target; submittedAt: Date; author: QueueItem["author"] };

/** Stories waiting for approval, oldest first. */
export async function pendingStories(): Promise<PendingStory[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: stories.id, updatedAt: stories.updatedAt })
    .from(stories)
    .where(eq(stories.status, "pending"))
    .orderBy(asc(stories.updatedAt))
    .limit(QUEUE_SIZE);
  const targets = await Promise.all(rows.map((row) => resolveTarget(db, "story", row.id)));
  return withAuthors(
    rows.flatMap((row, i) =>
      targets[i] ? [{ target: targets[i] as Target, submittedAt: row.updatedAt, author: null }] : [],
    ),
  );
}

export async function openReportCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(DISTINCT (${reports.targetType}, ${reports.targetId}))::int` })
    .from(reports)
    .where(isNull(reports.resolvedAt));
  return Number(row?.n ?? 0);
}
