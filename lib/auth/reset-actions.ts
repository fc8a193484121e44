"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { siteOrigin } from "@/lib/feeds/site-url";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { addressOverLimit, rateLimitMessage } from "@/lib/rate-limit/guard";
import { hitRule } from "@/lib/rate-limit/limits";
import { formText } from "@/lib/validation/form-data";
import { validationErrorMap } from "@/lib/validation/error-map";
import { formError, invalid, ok, type FormState } from "@/lib/validation/form-state";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { forgotPasswordSchema, resetPasswordSchema } from "./schema";

export type ForgotPasswordValues = { email: string };
// The password is never sent back to the browser.
export type ResetPasswordValues = { token: string };

// Both answers of "Forgot your password?" (account or not) take at least this long, so the
// response time does not tell whether a mail was queued.
const FORGOT_PASSWORD_MIN_MS = 400;

/** "Forgot your password?": always the same confirmation, whether or not the address has an account. */
export async function requestPasswordResetAction(
  _prev: FormState<ForgotPasswordValues>,
  formData: FormData,
): Promise<FormState<ForgotPasswordValues>> {
  const t = await getTranslations();
  const values = { email: formText(formData, "email") };
  const parsed = forgotPasswordSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);

  const limited = await addressOverLimit("passwordResetPerIp");
  if (limited) return formError(limited, values);
  // Counted for every address asked about, with or without an account.
  const perEmail = await hitRule("passwordResetPerEmail", `email:${parsed.data.email}`);
  if (!perEmail.ok) return formError(await rateLimitMessage(perEmail.retryAfterSeconds), values);

  const [locale, origin] = await Promise.all([requestLocale(), siteOrigin()]);
  await Promise.all([
    requestPasswordReset({ email: parsed.data.email, locale, origin }),
    new Promise((resolve) => setTimeout(resolve, FORGOT_PASSWORD_MIN_MS)),
  ]);
  return ok({ message: t("auth.resetRequested") });
}

/** Sets the new password from a reset link, then sends the person to sign in with it. */
export async function resetPasswordAction(
  _prev: FormState<ResetPasswordValues>,
  formData: FormData,
): Promise<FormState<ResetPasswordValues>> {
  const t = await getTranslations();
  const values = { token: formText(formData, "token") };
  const parsed = resetPasswordSchema.safeParse(
    { ...values, password: formText(formData, "password") },
    { error: validationErrorMap(t) },
  );
  if (!parsed.success) {
    const refused = invalid(parsed.error, values);
    // A malformed token is no field the person can fix: the page says the link does not work.
    if (refused.fieldErrors.token) redirect("/reset-password/invalid");
    return refused;
  }

  const result = await resetPassword({ token: parsed.data.token, password: parsed.data.password });
  // Used, expired or replaced meanwhile: the link's page now says so, with a way to ask again.
  if (!result.ok) redirect(`/reset-password/${parsed.data.token}`);
  redirect("/signin?reset=1");
}

/*
 * The request's language, by the rule of lib/i18n/request.ts (the switcher's cookie, then the
 * browser's preference), read directly so this also works where no next-intl request config is
 * set up. The reset mail is for the person at this keyboard, so it follows this request.
 */
async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}
