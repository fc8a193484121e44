"use server";

import { revalidatePath } from "next/cache";
import { contentChanged } from "@/lib/cache/tags";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { canReport, isAdmin, isModerator } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { memberOverLimit } from "@/lib/rate-limit/guard";
import { formText } from "@/lib/validation/form-data";
import { validationErrorMap } from "@/lib/validation/error-map";
import { formError, invalid, ok, refuse, type FormState } from "@/lib/validation/form-state";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import { createReport } from "./reports";
import { decide } from "./decisions";
import { findTarget } from "./targets";
import { setRole } from "../admin/roles";
import { setSetting } from "../admin/settings";
import { ASSIGNABLE_ROLES, moderationDecisionSchema, REPORT_TARGETS, reportSchema } from "./schema";

const targetOf = (formData: FormData) => {
  const type = REPORT_TARGETS.find((t) => t === formText(formData, "targetType"));
  const id = formText(formData, "targetId");
  return type && id ? { type, id } : null;
};

export type ReportValues = { reason: string; note: string };

/** A member reports a story, comment or profile to the moderators. */
export async function reportAction(
  state: FormState<ReportValues>,
  formData: FormData,
): Promise<FormState<ReportValues>> {
  return keepInputWhenUnavailable(reportSubmission, state, formData);
}

async function reportSubmission(
  _prev: FormState<ReportValues>,
  formData: FormData,
): Promise<FormState<ReportValues>> {
  const t = await getTranslations();
  const values = { reason: formText(formData, "reason"), note: formText(formData, "note") };
  const user = await requireUser(() => refuse(formError(t("moderation.signInToReport"), values)));
  const target = targetOf(formData);
  const found = target ? await findTarget(target.type, target.id) : null;
  if (!target || !found || !canReport(user, found)) return formError(t("moderation.cannotReport"), values);

  const parsed = reportSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);

  const limited = await memberOverLimit("reportPerMember", user.id);
  if (limited) return formError(limited, values);

  const result = await createReport({
    targetType: target.type,
    targetId: target.id,
    reporterId: user.id,
    ...parsed.data,
  });
  if (!result.ok) return formError(t("moderation.cannotReport"), values);
  if (result.autoHidden) await contentChanged();
  // No revalidation here: it would re-render this report page, which a hidden target no longer has.
  return ok({ message: t("moderation.reportThanks") });
}

export type DecisionValues = { decision: string; reason: string; period: string };

/** A moderator's decision on reported or waiting content, or on a member. */
export async function moderateAction(
  state: FormState<DecisionValues>,
  formData: FormData,
): Promise<FormState<DecisionValues>> {
  return keepInputWhenUnavailable(moderateSubmission, state, formData);
}

async function moderateSubmission(
  _prev: FormState<DecisionValues>,
  formData: FormData,
): Promise<FormState<DecisionValues>> {
  const t = await getTranslations();
  const values = {
    decision: formText(formData, "decision"),
    reason: formText(formData, "reason"),
    period: formText(formData, "period"),
  };
  const notAllowed = formError(t("moderation.notAllowed"), values);
  const user = await requireUser(() => refuse(notAllowed));
  const target = targetOf(formData);
  if (!isModerator(user) || !target) return notAllowed;

  const parsed = moderationDecisionSchema.safeParse(
    { ...values, period: values.period || undefined },
    { error: validationErrorMap(t) },
  );
  if (!parsed.success) return invalid(parsed.error, values);

  // Moderators do not judge themselves; an admin or another moderator does.
  const found = await findTarget(target.type, target.id);
  if (found?.userId === user.id) return formError(t("moderation.ownContent"), values);

  const result = await decide({
    actorId: user.id,
    targetType: target.type,
    targetId: target.id,
    ...parsed.data,
  });
  if (!result.ok) {
    const key =
      result.reason === "not_found"
        ? "moderation.gone"
        : result.reason === "not_allowed"
          ? "moderation.outOfReach"
          : "moderation.notApplicable";
    return formError(t(key), values);
  }
  // Hiding, approving or suspending changes what everyone sees, possibly on many pages.
  await contentChanged();
  if (found) revalidatePath(found.url.split("#")[0]);
  // The queue is shown again without the item, with a note of what was done.
  redirect("/moderation?done=1");
}

/** An admin changes a member's role. */
export async function setRoleAction(formData: FormData): Promise<void> {
  const user = await requireUser(() => redirect("/admin?error=notAllowed"));
  const role = ASSIGNABLE_ROLES.find((r) => r === formText(formData, "role"));
  if (!isAdmin(user) || !role) redirect("/admin?error=notAllowed");
  const result = await setRole({ actorId: user.id, userId: formText(formData, "userId"), role });
  // Pages show staff tools by the author's role (lib/auth/permissions.ts), and cache it with the content.
  if (result.ok) await contentChanged();
  revalidatePath("/admin");
  if (!result.ok) redirect(`/admin?error=${result.reason === "last_admin" ? "lastAdmin" : "gone"}`);
  redirect("/admin?saved=role");
}

/** An admin turns approval of new members' first stories on or off. */
export async function setApprovalSettingAction(formData: FormData): Promise<void> {
  const user = await requireUser(() => redirect("/admin?error=notAllowed"));
  if (!isAdmin(user)) redirect("/admin?error=notAllowed");
  await setSetting({
    actorId: user.id,
    key: "approveNewMembersStories",
    value: formText(formData, "approveNewMembersStories") === "on",
  });
  revalidatePath("/admin");
  redirect("/admin?saved=settings");
}
