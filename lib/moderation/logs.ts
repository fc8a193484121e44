import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { moderationActions, users, type ModerationActionKind } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";

/** What the public moderation log shows: decisions about content and accounts, not routine review. */
export const PUBLIC_ACTIONS: ModerationActionKind[] = [
  "hide",
  "restore",
  "delete",
  "suspend",
  "unsuspend",
  "auto_hide",
  "lock",
  "unlock",
];

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

async function logPage(
  where: SQL | undefined,
  after: string | null | undefined,
): Promise<{ items: LogEntry[]; more: string | null }> {
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
        cursor
          ? sql`(${moderationActions.createdAt}, ${moderationActions.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})`
          : undefined,
      ),
    )
    .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
    .limit(LOG_PAGE_SIZE + 1);
  const items = rows.slice(0, LOG_PAGE_SIZE).map(({ actorName, actorHandle, ...row }) => ({
    ...row,
    actor: actorName && actorHandle ? { name: actorName, handle: actorHandle } : null,
  }));
  const last = items.at(-1);
  return {
    items,
    more: rows.length > LOG_PAGE_SIZE && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
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
