import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { moderationActions, users, type ModerationActionKind } from "@/db/schema";
import { notifyModeration } from "@/lib/notifications/events";
import { resolveTarget, type Target } from "./targets";

// The audit trail: one row per decision or staff action, with the state before and after.

/** The state an audit row keeps before and after a decision. */
export async function snapshot(db: Database, target: Target): Promise<Record<string, unknown> | null> {
  const fresh = await resolveTarget(db, target.type, target.id);
  if (!fresh) return null;
  const base: Record<string, unknown> = { state: fresh.state };
  if (target.type === "member") {
    const [member] = await db
      .select({
        suspendedUntil: users.suspendedUntil,
        suspendedForGood: users.suspendedForGood,
        role: users.role,
      })
      .from(users)
      .where(eq(users.id, target.id));
    return { ...base, ...member };
  }
  return base;
}

export async function record(
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
      await notifyModeration(tx, entry.target.userId, {
        decision: entry.action,
        targetType: entry.target.type,
        label: entry.target.label,
        url: null,
      });
    }
  });
}
