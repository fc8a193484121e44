import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { moderationActions, users, type ModerationActionKind, type ReportTarget } from "@/db/schema";
import { canDecide } from "@/lib/auth/permissions";
import { notifyModeration } from "@/lib/notifications/events";
import type { DecisionInput } from "./schema";
import { record, snapshot } from "./audit";
import { approve, hide, reject, remove, resolveReports, restore, suspend, unsuspend } from "./effects";
import { applicableDecisions, resolveTarget, type Target } from "./targets";

export type DecisionResult =
  { ok: true } | { ok: false; reason: "not_found" | "not_applicable" | "not_allowed" };

/**
 * Carries out a moderator's decision on reported or waiting content in one transaction: the
 * change itself, the open reports resolved, the audit row with the state before and after,
 * and a notice to the member concerned.
 */
export async function decide(
  params: { actorId: string; targetType: ReportTarget; targetId: string } & DecisionInput,
): Promise<DecisionResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await resolveTarget(tx, params.targetType, params.targetId);
    if (!target) return { ok: false, reason: "not_found" } as const;
    // Who decides is checked here, next to the change, whoever calls: the role as it is now.
    const [actor] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.id, params.actorId));
    if (!canDecide(actor ?? null, target, params.decision))
      return { ok: false, reason: "not_allowed" } as const;
    if (!applicableDecisions(target).includes(params.decision))
      return { ok: false, reason: "not_applicable" } as const;
    const before = await snapshot(tx, target);

    switch (params.decision) {
      case "dismiss":
        // Reports found unfounded: content they hid comes back.
        if (target.state === "hidden" && (await lastAction(tx, target)) === "auto_hide")
          await restore(tx, target);
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

    const after =
      params.decision === "delete" && target.type === "story"
        ? { state: "deleted" }
        : await snapshot(tx, target);
    await resolveReports(tx, target, params.actorId);
    await record(tx, {
      actorId: params.actorId,
      action: params.decision,
      target,
      reason: params.reason,
      before,
      after,
    });
    if (params.decision !== "dismiss") {
      const suspendedUntil =
        params.decision === "suspend" && after && "suspendedUntil" in after
          ? after.suspendedUntil
          : undefined;
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

async function lastAction(
  db: Database,
  target: Pick<Target, "type" | "id">,
): Promise<ModerationActionKind | null> {
  const [row] = await db
    .select({ action: moderationActions.action })
    .from(moderationActions)
    .where(and(eq(moderationActions.targetType, target.type), eq(moderationActions.targetId, target.id)))
    .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
    .limit(1);
  return row?.action ?? null;
}
