import "server-only";
import { and, asc, count, countDistinct, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import {
  comments,
  moderationActions,
  reports,
  siteSettings,
  stories,
  users,
  type ModerationActionKind,
  type ReportReason,
  type ReportTarget,
  type Role,
} from "@/db/schema";
import { canDecide } from "@/lib/auth/permissions";
import { announceFirstPublication, notifyModeration } from "@/lib/notifications/events";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { AUTO_HIDE_REPORTERS, type DecisionInput, type ModerationDecision } from "./schema";

// ------------------------------------------------------------------ targets

/** What a report or a decision is about, as moderators and the public log name it. */
export type Target = {
  type: ReportTarget;
  id: string;
  /** Whose content or account it is; null for a former member's content. */
  userId: string | null;
  label: string;
  url: string;
  /** The words moderators judge: summary and body, the comment, the member's name. */
  excerpt: string;
  state: "draft" | "pending" | "published" | "hidden" | "deleted" | "active" | "suspended";
  /** The role of `userId`: which staff may decide on it (lib/auth/permissions.ts `canDecide`). */
  ownerRole: Role | null;
};

const excerptOf = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export async function resolveTarget(db: Database, type: ReportTarget, id: string): Promise<Target | null> {
  if (type === "story") {
    const [story] = await db
      .select({
        id: stories.id,
        slug: stories.slug,
        title: stories.title,
        summary: stories.summary,
        body: stories.body,
        authorId: stories.authorId,
        authorRole: users.role,
        status: stories.status,
      })
      .from(stories)
      .leftJoin(users, eq(users.id, stories.authorId))
      .where(eq(stories.id, id))
      .limit(1);
    if (!story) return null;
    return {
      type,
      id,
      userId: story.authorId,
      label: story.title,
      url: `/stories/${story.slug}`,
      excerpt: excerptOf([story.summary, story.body].filter(Boolean).join("\n\n")),
      state: story.status,
      ownerRole: story.authorRole,
    };
  }
  if (type === "comment") {
    const [comment] = await db
      .select({
        id: comments.id,
        body: comments.body,
        authorId: comments.authorId,
        authorRole: users.role,
        hiddenAt: comments.hiddenAt,
        deletedAt: comments.deletedAt,
        storySlug: stories.slug,
        storyTitle: stories.title,
        storyStatus: stories.status,
      })
      .from(comments)
      .innerJoin(stories, eq(stories.id, comments.storyId))
      .leftJoin(users, eq(users.id, comments.authorId))
      .where(eq(comments.id, id))
      .limit(1);
    if (!comment) return null;
    return {
      type,
      id,
      userId: comment.authorId,
      label: comment.storyTitle,
      url: `/stories/${comment.storySlug}#comment-${comment.id}`,
      excerpt: excerptOf(comment.body),
      // A comment is as far out of staff's reach as the draft it hangs from.
      state: comment.deletedAt ? "deleted" : comment.storyStatus === "draft" ? "draft" : comment.hiddenAt ? "hidden" : "published",
      ownerRole: comment.authorRole,
    };
  }
  const [member] = await db
    .select({ id: users.id, name: users.name, handle: users.handle, role: users.role, suspendedUntil: users.suspendedUntil, suspendedForGood: users.suspendedForGood })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!member) return null;
  const suspended = member.suspendedForGood || (member.suspendedUntil !== null && member.suspendedUntil > new Date());
  return { type, id, userId: member.id, label: `@${member.handle}`, url: `/members/${member.handle}`, excerpt: member.name, state: suspended ? "suspended" : "active", ownerRole: member.role };
}

export async function findTarget(type: ReportTarget, id: string): Promise<Target | null> {
  return resolveTarget(await getDb(), type, id);
}

/** The decisions that make sense for a target in its current state. */
export function applicableDecisions(target: Target): ModerationDecision[] {
  const decisions: ModerationDecision[] = ["dismiss"];
  if (target.type === "member") {
    decisions.push("warn", target.state === "suspended" ? "unsuspend" : "suspend");
    return decisions;
  }
  // A reported story its author took back: the reports can go, the draft is the author's.
  if (target.state === "draft") return decisions;
  if (target.state === "pending") decisions.push("approve", "reject");
  if (target.state === "published") decisions.push("hide");
  if (target.state === "hidden") decisions.push("restore");
  if (target.state !== "deleted") decisions.push("delete");
  if (target.userId) decisions.push("warn", "suspend");
  return decisions;
}

// ------------------------------------------------------------------ the effects

async function recountComments(db: Database, storyId: string): Promise<void> {
  await db
    .update(stories)
    .set({
      commentCount: sql`(SELECT count(*)::int FROM ${comments} WHERE ${comments.storyId} = ${storyId} AND ${comments.deletedAt} IS NULL AND ${comments.hiddenAt} IS NULL)`,
    })
    .where(eq(stories.id, storyId));
}

async function hide(db: Database, target: Target, reason: string): Promise<void> {
  if (target.type === "story") {
    await db.update(stories).set({ status: "hidden", moderationReason: reason }).where(eq(stories.id, target.id));
  } else if (target.type === "comment") {
    const [row] = await db
      .update(comments)
      .set({ hiddenAt: new Date(), hiddenReason: reason })
      .where(and(eq(comments.id, target.id), isNull(comments.hiddenAt)))
      .returning({ storyId: comments.storyId });
    if (row) await recountComments(db, row.storyId);
  }
}

async function restore(db: Database, target: Target): Promise<void> {
  if (target.type === "story") {
    await db
      .update(stories)
      .set({ status: "published", moderationReason: "", publishedAt: sql`coalesce(${stories.publishedAt}, now())` })
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

async function remove(db: Database, target: Target): Promise<void> {
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

async function suspend(db: Database, userId: string, period: NonNullable<DecisionInput["period"]>, reason: string): Promise<void> {
  const forGood = period === "forever";
  const until = forGood ? null : new Date(Date.now() + SUSPENSION_DAYS[period] * 86_400_000);
  await db
    .update(users)
    // A new session version ends every session the member has open.
    .set({ suspendedUntil: until, suspendedForGood: forGood, suspensionReason: reason, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

async function unsuspend(db: Database, userId: string): Promise<void> {
  await db.update(users).set({ suspendedUntil: null, suspendedForGood: false, suspensionReason: "" }).where(eq(users.id, userId));
}

async function approve(db: Database, target: Target): Promise<void> {
  const announce = await announceFirstPublication(db, target.id);
  await db
    .update(stories)
    .set({ status: "published", moderationReason: "", publishedAt: sql`coalesce(${stories.publishedAt}, now())` })
    .where(and(eq(stories.id, target.id), eq(stories.status, "pending")));
  await announce();
}

async function reject(db: Database, target: Target, reason: string): Promise<void> {
  await db
    .update(stories)
    .set({ status: "draft", moderationReason: reason })
    .where(and(eq(stories.id, target.id), eq(stories.status, "pending")));
}

/** The state an audit row keeps before and after a decision. */
async function snapshot(db: Database, target: Target): Promise<Record<string, unknown> | null> {
  const fresh = await resolveTarget(db, target.type, target.id);
  if (!fresh) return null;
  const base: Record<string, unknown> = { state: fresh.state };
  if (target.type === "member") {
    const [member] = await db
      .select({ suspendedUntil: users.suspendedUntil, suspendedForGood: users.suspendedForGood, role: users.role })
      .from(users)
      .where(eq(users.id, target.id));
    return { ...base, ...member };
  }
  return base;
}

async function record(
  db: Database,
  entry: {
    actorId: string | null;
    action: ModerationActionKind;
    target: { type: string; id: string; userId: string | null; label: string };
    reason?: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await db.insert(moderationActions).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    targetUserId: entry.target.userId,
    targetLabel: entry.target.label,
    reason: entry.reason ?? "",
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

async function resolveReports(db: Database, target: Pick<Target, "type" | "id">, resolvedById: string | null): Promise<void> {
  await db
    .update(reports)
    .set({ resolvedAt: new Date(), resolvedById })
    .where(and(eq(reports.targetType, target.type), eq(reports.targetId, target.id), isNull(reports.resolvedAt)));
}

/**
 * A moderator or admin acting on someone else's content outside the queue (editing or deleting
 * a story, deleting a comment, deciding a proposal): audited like every decision, and the
 * member concerned gets a notice.
 */
export async function recordStaffAction(entry: {
  actorId: string;
  action: "edit" | "delete" | "decide_proposal" | "lock" | "unlock";
  target: { type: string; id: string; userId: string | null; label: string };
  reason?: string;
  before?: unknown;
  after?: unknown;
}): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await record(tx, entry);
    if (entry.target.userId && entry.target.userId !== entry.actorId && entry.action !== "decide_proposal") {
      await notifyModeration(tx, entry.target.userId, { decision: entry.action, targetType: entry.target.type, label: entry.target.label, url: null });
    }
  });
}

// ------------------------------------------------------------------ reports

export type ReportResult = { ok: true; autoHidden: boolean } | { ok: false; reason: "not_found" | "own" };

/**
 * Files a member's report. A second report of the same content by the same member changes
 * nothing. When members from AUTO_HIDE_REPORTERS different accounts have reported visible
 * content, it is hidden until a moderator decides.
 */
export async function createReport(params: {
  targetType: ReportTarget;
  targetId: string;
  reporterId: string;
  reason: ReportReason;
  note: string;
}): Promise<ReportResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await resolveTarget(tx, params.targetType, params.targetId);
    if (!target || target.state === "deleted") return { ok: false, reason: "not_found" } as const;
    if (target.userId === params.reporterId) return { ok: false, reason: "own" } as const;
    // Serialises reports of one target, so the threshold is crossed exactly once.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`report:${target.type}:${target.id}`}))`);
    await tx
      .insert(reports)
      .values({ targetType: target.type, targetId: target.id, reporterId: params.reporterId, reason: params.reason, note: params.note })
      .onConflictDoNothing();
    const [{ reporters }] = await tx
      .select({ reporters: countDistinct(reports.reporterId) })
      .from(reports)
      .where(and(eq(reports.targetType, target.type), eq(reports.targetId, target.id), isNull(reports.resolvedAt)));
    if (reporters < AUTO_HIDE_REPORTERS || target.type === "member" || target.state !== "published") return { ok: true, autoHidden: false } as const;
    await hide(tx, target, "");
    await record(tx, { actorId: null, action: "auto_hide", target, before: { state: target.state }, after: { state: "hidden" } });
    await notifyModeration(tx, target.userId, { decision: "auto_hide", targetType: target.type, label: target.label, url: target.url });
    return { ok: true, autoHidden: true } as const;
  });
}

// ------------------------------------------------------------------ decisions

export type DecisionResult = { ok: true } | { ok: false; reason: "not_found" | "not_applicable" | "not_allowed" };

/**
 * Carries out a moderator's decision on reported or waiting content in one transaction: the
 * change itself, the open reports resolved, the audit row with the state before and after,
 * and a notice to the member concerned.
 */
export async function decide(params: { actorId: string; targetType: ReportTarget; targetId: string } & DecisionInput): Promise<DecisionResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await resolveTarget(tx, params.targetType, params.targetId);
    if (!target) return { ok: false, reason: "not_found" } as const;
    // Who decides is checked here, next to the change, whoever calls: the role as it is now.
    const [actor] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, params.actorId));
    if (!canDecide(actor ?? null, target, params.decision)) return { ok: false, reason: "not_allowed" } as const;
    if (!applicableDecisions(target).includes(params.decision)) return { ok: false, reason: "not_applicable" } as const;
    const before = await snapshot(tx, target);

    switch (params.decision) {
      case "dismiss":
        // Reports found unfounded: content they hid comes back.
        if (target.state === "hidden" && (await lastAction(tx, target)) === "auto_hide") await restore(tx, target);
        break;
      case "hide":
        await hide(tx, target, params.reason);
        break;
      case "restore":
        await restore(tx, target);
        break;
      case "delete":
        await remove(tx, target);
        break;
      case "suspend":
        await suspend(tx, target.userId as string, params.period ?? "7", params.reason);
        break;
      case "unsuspend":
        await unsuspend(tx, target.userId as string);
        break;
      case "approve":
        await approve(tx, target);
        break;
      case "reject":
        await reject(tx, target, params.reason);
        break;
      case "warn":
        break;
    }

    const after = params.decision === "delete" && target.type === "story" ? { state: "deleted" } : await snapshot(tx, target);
    await resolveReports(tx, target, params.actorId);
    await record(tx, { actorId: params.actorId, action: params.decision, target, reason: params.reason, before, after });
    if (params.decision !== "dismiss") {
      const suspendedUntil = params.decision === "suspend" && after && "suspendedUntil" in after ? after.suspendedUntil : undefined;
      await notifyModeration(tx, target.userId, {
        decision: params.decision,
        targetType: target.type,
        label: target.label,
        url: params.decision === "delete" ? null : target.url,
        reason: params.reason,
        ...(params.decision === "suspend" ? { period: params.period, until: suspendedUntil ?? null } : {}),
      });
    }
    return { ok: true } as const;
  });
}

async function lastAction(db: Database, target: Pick<Target, "type" | "id">): Promise<ModerationActionKind | null> {
  const [row] = await db
    .select({ action: moderationActions.action })
    .from(moderationActions)
    .where(and(eq(moderationActions.targetType, target.type), eq(moderationActions.targetId, target.id)))
    .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
    .limit(1);
  return row?.action ?? null;
}

// ------------------------------------------------------------------ the review queue

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
    db.select({ id: stories.authorId, n: count() }).from(stories).where(inArray(stories.authorId, ids)).groupBy(stories.authorId),
    db
      .select({ id: comments.authorId, n: count() })
      .from(comments)
      .where(and(inArray(comments.authorId, ids), isNull(comments.deletedAt)))
      .groupBy(comments.authorId),
    db
      .select({ id: moderationActions.targetUserId, action: moderationActions.action, n: count() })
      .from(moderationActions)
      .where(and(inArray(moderationActions.targetUserId, ids), inArray(moderationActions.action, ["hide", "delete", "warn", "suspend", "auto_hide", "reject"])))
      .groupBy(moderationActions.targetUserId, moderationActions.action),
  ]);
  for (const member of members) histories.set(member.id, { memberSince: member.createdAt, stories: 0, comments: 0, actions: {} });
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
    .select({ targetType: reports.targetType, targetId: reports.targetId, reason: reports.reason, note: reports.note, createdAt: reports.createdAt })
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
          notes: mine.filter((d) => d.note).map(({ reason, note, createdAt }) => ({ reason, note, createdAt })),
          firstReportedAt: group.firstReportedAt,
          author: null,
        },
      ];
    }),
  );
}

async function withAuthors<T extends { target: Target; author: QueueItem["author"] }>(items: T[]): Promise<T[]> {
  const ids = items.flatMap((item) => (item.target.userId ? [item.target.userId] : []));
  if (ids.length === 0) return items;
  const db = await getDb();
  const [histories, names] = await Promise.all([
    memberHistories(ids),
    db.select({ id: users.id, name: users.name, handle: users.handle }).from(users).where(inArray(users.id, ids)),
  ]);
  return items.map((item) => {
    const member = names.find((n) => n.id === item.target.userId);
    const history = item.target.userId ? histories.get(item.target.userId) : undefined;
    return { ...item, author: member && history ? { name: member.name, handle: member.handle, history } : null };
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
  return withAuthors(rows.flatMap((row, i) => (targets[i] ? [{ target: targets[i] as Target, submittedAt: row.updatedAt, author: null }] : [])));
}

export async function openReportCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(DISTINCT (${reports.targetType}, ${reports.targetId}))::int` })
    .from(reports)
    .where(isNull(reports.resolvedAt));
  return Number(row?.n ?? 0);
}

// ------------------------------------------------------------------ the logs

/** What the public moderation log shows: decisions about content and accounts, not routine review. */
export const PUBLIC_ACTIONS: ModerationActionKind[] = ["hide", "restore", "delete", "suspend", "unsuspend", "auto_hide", "lock", "unlock"];

export type LogEntry = {
  id: string;
  action: ModerationActionKind;
  targetType: string;
  targetLabel: string;
  reason: string;
  createdAt: Date;
  actor: { name: string; handle: string } | null;
  before: unknown;
  after: unknown;
};

export const LOG_PAGE_SIZE = 50;

async function logPage(where: SQL | undefined, after: string | null | undefined): Promise<{ items: LogEntry[]; more: string | null }> {
  const db = await getDb();
  const cursor = decodeCursor(after);
  const rows = await db
    .select({
      id: moderationActions.id,
      action: moderationActions.action,
      targetType: moderationActions.targetType,
      targetLabel: moderationActions.targetLabel,
      reason: moderationActions.reason,
      createdAt: moderationActions.createdAt,
      before: moderationActions.before,
      after: moderationActions.after,
      actorName: users.name,
      actorHandle: users.handle,
    })
    .from(moderationActions)
    .leftJoin(users, eq(users.id, moderationActions.actorId))
    .where(
      and(
        where,
        cursor ? sql`(${moderationActions.createdAt}, ${moderationActions.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})` : undefined,
      ),
    )
    .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
    .limit(LOG_PAGE_SIZE + 1);
  const items = rows.slice(0, LOG_PAGE_SIZE).map(({ actorName, actorHandle, ...row }) => ({
    ...row,
    actor: actorName && actorHandle ? { name: actorName, handle: actorHandle } : null,
  }));
  const last = items.at(-1);
  return { items, more: rows.length > LOG_PAGE_SIZE && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}

/** The public moderation log: no reporters, no before/after states. */
export async function publicLog(after?: string | null) {
  const page = await logPage(inArray(moderationActions.action, PUBLIC_ACTIONS), after);
  return { ...page, items: page.items.map((item) => ({ ...item, before: null, after: null })) };
}

/** Every recorded action with its before and after states, for admins. */
export async function auditLog(after?: string | null) {
  return logPage(undefined, after);
}

// ------------------------------------------------------------------ roles and settings

export type RoleResult = { ok: true } | { ok: false; reason: "not_found" | "last_admin" };

export async function setRole(params: { actorId: string | null; userId: string; role: Role }): Promise<RoleResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One role change at a time, so two admins cannot demote each other into no admin at all.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('roles'))`);
    const [member] = await tx.select({ id: users.id, handle: users.handle, role: users.role }).from(users).where(eq(users.id, params.userId));
    if (!member) return { ok: false, reason: "not_found" } as const;
    if (member.role === params.role) return { ok: true } as const;
    if (member.role === "admin") {
      const [{ admins }] = await tx.select({ admins: count() }).from(users).where(eq(users.role, "admin"));
      if (Number(admins) <= 1) return { ok: false, reason: "last_admin" } as const;
    }
    await tx.update(users).set({ role: params.role }).where(eq(users.id, member.id));
    await record(tx, {
      actorId: params.actorId,
      action: "set_role",
      target: { type: "member", id: member.id, userId: member.id, label: `@${member.handle}` },
      before: { role: member.role },
      after: { role: params.role },
    });
    return { ok: true } as const;
  });
}

export const SETTINGS = {
  /** New members' first two stories wait for a moderator's approval. */
  approveNewMembersStories: false as boolean,
};
export type SettingKey = keyof typeof SETTINGS;

export async function getSettings(): Promise<typeof SETTINGS> {
  const db = await getDb();
  const rows = await db.select({ key: siteSettings.key, value: siteSettings.value }).from(siteSettings);
  const settings = { ...SETTINGS };
  for (const row of rows) if (row.key in settings) (settings as Record<string, unknown>)[row.key] = row.value;
  return settings;
}

export async function setSetting<K extends SettingKey>(params: { actorId: string | null; key: K; value: (typeof SETTINGS)[K] }): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [old] = await tx.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, params.key));
    await tx
      .insert(siteSettings)
      .values({ key: params.key, value: params.value, updatedById: params.actorId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: siteSettings.key, set: { value: params.value, updatedById: params.actorId, updatedAt: new Date() } });
    await record(tx, {
      actorId: params.actorId,
      action: "set_setting",
      target: { type: "setting", id: params.key, userId: null, label: params.key },
      before: { value: old?.value ?? SETTINGS[params.key] },
      after: { value: params.value },
    });
  });
}

/** Stories an author published before (or had approved); the first two of a new member wait when the setting is on. */
export const APPROVED_STORIES_NEEDED = 2;

export async function needsApproval(author: { id: string; role: Role }): Promise<boolean> {
  if (author.role !== "member") return false;
  if (!(await getSettings()).approveNewMembersStories) return false;
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(stories)
    .where(and(eq(stories.authorId, author.id), isNotNull(stories.publishedAt)));
  return Number(row?.n ?? 0) < APPROVED_STORIES_NEEDED;
}

// ------------------------------------------------------------------ members and their notices

export type MemberRow = { id: string; name: string; handle: string; email: string; role: Role; createdAt: Date; suspended: boolean };

/** Members for the admin pages, newest first, optionally matching a name, handle or email. */
export async function listMembers(query?: string, limit = 100): Promise<MemberRow[]> {
  const db = await getDb();
  const q = query?.trim().toLowerCase();
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      suspendedUntil: users.suspendedUntil,
      suspendedForGood: users.suspendedForGood,
    })
    .from(users)
    .where(
      q
        ? sql`(lower(${users.name}) LIKE ${`%${q}%`} OR ${users.handle} LIKE ${`%${q}%`} OR lower(${users.email}) LIKE ${`%${q}%`})`
        : isNotNull(users.passwordHash),
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit);
  const now = new Date();
  return rows.map(({ suspendedUntil, suspendedForGood, ...row }) => ({ ...row, suspended: suspendedForGood || (suspendedUntil !== null && suspendedUntil > now) }));
}

// Notifications moved to lib/notifications; these names stay for callers of the old place.
export { listNotifications, unreadNotificationCount, type Notice } from "@/lib/notifications/queries";
