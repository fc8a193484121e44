import { z } from "../validation/zod";

/*
 * Shared by the report and moderation forms (browser) and their server actions. Pure: no
 * database, safe for client components.
 */

export const REPORT_REASONS = ["spam", "offensive", "off_topic", "personal_data", "other"] as const;
export const REPORT_TARGETS = ["story", "comment", "member"] as const;
export type ReportReasonValue = (typeof REPORT_REASONS)[number];
export type ReportTargetValue = (typeof REPORT_TARGETS)[number];

export const REPORT_NOTE_MAX = 1000;
export const MODERATION_REASON_MAX = 500;
/** Reports from this many different members hide the content until a moderator looks. */
export const AUTO_HIDE_REPORTERS = 3;

export const reportSchema = z
  .object({
    reason: z.enum(REPORT_REASONS),
    note: z.string().trim().max(REPORT_NOTE_MAX),
  })
  // "Other" needs words: moderators cannot act on a bare "other".
  .refine((value) => value.reason !== "other" || value.note.length > 0, {
    path: ["note"],
    params: { key: "validation.required" },
  });

export type ReportInput = z.infer<typeof reportSchema>;

/** What a moderator can do with reported or waiting content; which apply depends on the target. */
export const MODERATION_DECISIONS = [
  "dismiss",
  "hide",
  "restore",
  "delete",
  "warn",
  "suspend",
  "unsuspend",
  "approve",
  "reject",
] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export const SUSPENSION_PERIODS = ["1", "7", "30", "forever"] as const;

export const moderationDecisionSchema = z
  .object({
    decision: z.enum(MODERATION_DECISIONS),
    reason: z.string().trim().max(MODERATION_REASON_MAX),
    period: z.enum(SUSPENSION_PERIODS).optional(),
  })
  // Everything that takes something away from a member says why; dismissing and restoring need not.
  .refine(
    (value) =>
      ["dismiss", "restore", "unsuspend", "approve"].includes(value.decision) || value.reason.length > 0,
    {
      path: ["reason"],
      params: { key: "validation.required" },
    },
  )
  .refine((value) => value.decision !== "suspend" || value.period !== undefined, {
    path: ["period"],
    params: { key: "validation.required" },
  });

export type DecisionInput = z.infer<typeof moderationDecisionSchema>;

export const ASSIGNABLE_ROLES = ["member", "moderator", "admin"] as const;
