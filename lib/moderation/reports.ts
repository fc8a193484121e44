import "server-only";
import { and, countDistinct, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { reports, type ReportReason, type ReportTarget } from "@/db/schema";
import { notifyModeration } from "@/lib/notifications/events";
import { AUTO_HIDE_REPORTERS } from "./schema";
import { record } from "./audit";
import { hide } from "./effects";
import { resolveTarget } from "./targets";

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
      .values({
        targetType: target.type,
        targetId: target.id,
        reporterId: params.reporterId,
        reason: params.reason,
        note: params.note,
      })
      .onConflictDoNothing();
    const [{ reporters }] = await tx
      .select({ reporters: countDistinct(reports.reporterId) })
      .from(reports)
      .where(
        and(eq(reports.targetType, target.type), eq(reports.targetId, target.id), isNull(reports.resolvedAt)),
      );
    if (reporters < AUTO_HIDE_REPORTERS || target.type === "member" || target.state !== "published")
      return { ok: true, autoHidden: false } as const;
    await hide(tx, target, "");
    await record(tx, {
      actorId: null,
      action: "auto_hide",
      target,
      before: { state: target.state },
      after: { state: "hidden" },
    });
    await notifyModeration(tx, target.userId, {
      decision: "auto_hide",
      targetType: target.type,
      label: target.label,
      url: target.url,
    });
    return { ok: true, autoHidden: true } as const;
  });
}
