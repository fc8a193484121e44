"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { siteOrigin } from "@/lib/feeds/site-url";
import { rateLimitMessage } from "@/lib/rate-limit/guard";
import { hitRule } from "@/lib/rate-limit/limits";
import { formText } from "@/lib/validation/form-data";
import { formError, ok, refuse, type FormState } from "@/lib/validation/form-state";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import { confirmEmailToken, resendConfirmationLink } from "./email-tokens";
import { requestLocale } from "./request-locale";
import { confirmEmailSchema } from "./schema";
import { requireUser } from "./session";

export type ConfirmEmailValues = { token: string };

/**
 * The button on /verify-email/<token>: whoever holds the link confirms with it, signed in or
 * not (like a password reset link). A click, not the page load, uses the token, so a mail
 * scanner that opens links confirms nothing.
 */
export async function confirmEmailAction(
  state: FormState<ConfirmEmailValues>,
  formData: FormData,
): Promise<FormState<ConfirmEmailValues>> {
  return keepInputWhenUnavailable(confirmEmailSubmission, state, formData);
}

async function confirmEmailSubmission(
  _prev: FormState<ConfirmEmailValues>,
  formData: FormData,
): Promise<FormState<ConfirmEmailValues>> {
  const values = { token: formText(formData, "token") };
  const parsed = confirmEmailSchema.safeParse(values);
  if (!parsed.success) redirect("/verify-email/invalid");
  const result = await confirmEmailToken({ token: parsed.data.token });
  if (!result.ok && result.reason === "taken") {
    const t = await getTranslations();
    return formError(t("verifyEmail.taken"), values);
  }
  // Used or expired meanwhile: the link's page now says so.
  if (!result.ok) redirect(`/verify-email/${parsed.data.token}`);
  // The banner in the layout, and the address on the settings page.
  revalidatePath("/", "layout");
  redirect(`/verify-email/done?${result.purpose === "change_email" ? "changed" : "confirmed"}=1`);
}

export type ResendConfirmationValues = Record<string, never>;

/** "Send the link again", from the banner of a member whose address is not confirmed yet. */
export async function resendConfirmationAction(
  state: FormState<ResendConfirmationValues>,
  formData: FormData,
): Promise<FormState<ResendConfirmationValues>> {
  return keepInputWhenUnavailable(resendConfirmationSubmission, state, formData);
}

async function resendConfirmationSubmission(): Promise<FormState<ResendConfirmationValues>> {
  const t = await getTranslations();
  const user = await requireUser(() => refuse(formError(t("settings.signedOut"), {})));
  if (!user.emailUnconfirmed) return ok({ message: t("verifyEmail.alreadyConfirmed") });
  // The rule that bounds link mails to one inbox, counted per account here.
  const limited = await hitRule("passwordResetPerEmail", `verify:${user.id}`);
  if (!limited.ok) return formError(await rateLimitMessage(limited.retryAfterSeconds), {});
  const [locale, origin] = await Promise.all([requestLocale(), siteOrigin()]);
  await resendConfirmationLink({ userId: user.id, locale, origin });
  return ok({ message: t("verifyEmail.linkSent") });
}
