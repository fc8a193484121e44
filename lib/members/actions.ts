"use server";

import { AuthError } from "next-auth";
import { revalidatePath } from "next/cache";
import { contentChanged } from "@/lib/cache/tags";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signIn, signOut } from "@/lib/auth/auth";
import { checkCurrentPassword, type PasswordCheck } from "@/lib/auth/current-password";
import { requestEmailChange } from "@/lib/auth/email-tokens";
import { requestLocale } from "@/lib/auth/request-locale";
import { canWritePublicly } from "@/lib/auth/permissions";
import { changeEmailSchema, changePasswordSchema, deleteAccountSchema } from "@/lib/auth/schema";
import { requireUser } from "@/lib/auth/session";
import { siteOrigin } from "@/lib/feeds/site-url";
import { rateLimitMessage } from "@/lib/rate-limit/guard";
import { hitRule } from "@/lib/rate-limit/limits";
import { formText } from "@/lib/validation/form-data";
import { validationErrorMap, type Translate } from "@/lib/validation/error-map";
import {
  fieldError,
  formError,
  invalid,
  ok,
  refuse,
  type FormState,
  type Refused,
} from "@/lib/validation/form-state";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import { changePassword, deleteAccount, getAccountEmail, updateProfile } from "./account";
import { endAllSessions } from "./queries";
import { profileSchema, type ProfileValues } from "./schema";

/** Ends every session of the member on every device, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser(() => redirect("/signin"));
  await endAllSessions(user.id);
  await signOut({ redirectTo: "/signin?ended=1" });
}

// ------------------------------------------------------------------ profile

export async function updateProfileAction(
  state: FormState<ProfileValues>,
  formData: FormData,
): Promise<FormState<ProfileValues>> {
  return keepInputWhenUnavailable(updateProfileSubmission, state, formData);
}

async function updateProfileSubmission(
  _prev: FormState<ProfileValues>,
  formData: FormData,
): Promise<FormState<ProfileValues>> {
  const t = await getTranslations();
  const values = {
    name: formText(formData, "name"),
    organisation: formText(formData, "organisation"),
    bio: formText(formData, "bio"),
    website: formText(formData, "website"),
  };
  const user = await requireUser(() => refuse(formError(t("settings.signedOut"), values)));
  // The profile is a public page.
  if (!canWritePublicly(user)) return formError(t("verifyEmail.confirmFirst"), values);
  const parsed = profileSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);

  await updateProfile({ userId: user.id, input: parsed.data });
  // The name shows on every story card and comment of theirs.
  await contentChanged();
  // The header and every page with the member's name.
  revalidatePath("/", "layout");
  return ok({ message: t("settings.profileSaved") });
}

// ------------------------------------------------------------------ password, address, account

// Passwords are never sent back to the browser.
export type ChangeEmailValues = { email: string };
export type DeleteAccountValues = { content: string };

async function passwordRefusal<Values>(
  check: Exclude<PasswordCheck, { ok: true }>,
  t: Translate,
  values: Values,
): Promise<Refused<Values>> {
  if (check.reason === "throttled")
    return formError(await rateLimitMessage(check.retryAfterSeconds, "signIn"), values);
  return fieldError("currentPassword", t("settings.currentPasswordWrong"), values);
}

export async function changePasswordAction(
  state: FormState<Record<string, never>>,
  formData: FormData,
): Promise<FormState<Record<string, never>>> {
  return keepInputWhenUnavailable(changePasswordSubmission, state, formData);
}

async function changePasswordSubmission(
  _prev: FormState<Record<string, never>>,
  formData: FormData,
): Promise<FormState<Record<string, never>>> {
  const t = await getTranslations();
  const values = {};
  const user = await requireUser(() => refuse(formError(t("settings.signedOut"), values)));
  const parsed = changePasswordSchema.safeParse(
    {
      currentPassword: formText(formData, "currentPassword"),
      newPassword: formText(formData, "newPassword"),
    },
    { error: validationErrorMap(t) },
  );
  if (!parsed.success) return invalid(parsed.error, values);

  const check = await checkCurrentPassword({ userId: user.id, password: parsed.data.currentPassword });
  if (!check.ok) return passwordRefusal(check, t, values);

  // Ends every session, this one too (session version) ...
  await changePassword({ userId: user.id, newPassword: parsed.data.newPassword });
  // ... so this browser signs in again with the new password and stays signed in.
  const email = (await getAccountEmail(user.id)) ?? "";
  try {
    await signIn("credentials", {
      email,
      password: parsed.data.newPassword,
      redirectTo: "/settings/account?password=changed",
    });
  } catch (error) {
    // Signing in again was refused (throttled meanwhile): the password is changed all the same.
    if (error instanceof AuthError) redirect("/signin?reset=1");
    throw error;
  }
  return ok();
}

export async function requestEmailChangeAction(
  state: FormState<ChangeEmailValues>,
  formData: FormData,
): Promise<FormState<ChangeEmailValues>> {
  return keepInputWhenUnavailable(requestEmailChangeSubmission, state, formData);
}

async function requestEmailChangeSubmission(
  _prev: FormState<ChangeEmailValues>,
  formData: FormData,
): Promise<FormState<ChangeEmailValues>> {
  const t = await getTranslations();
  const values = { email: formText(formData, "email") };
  const user = await requireUser(() => refuse(formError(t("settings.signedOut"), values)));
  const parsed = changeEmailSchema.safeParse(
    { ...values, currentPassword: formText(formData, "currentPassword") },
    { error: validationErrorMap(t) },
  );
  if (!parsed.success) return invalid(parsed.error, values);

  const check = await checkCurrentPassword({ userId: user.id, password: parsed.data.currentPassword });
  if (!check.ok) return passwordRefusal(check, t, values);
  // Bounds the mail one inbox gets, as "Forgot your password?" does (same rule and key).
  const perEmail = await hitRule("passwordResetPerEmail", `email:${parsed.data.email}`);
  if (!perEmail.ok) return formError(await rateLimitMessage(perEmail.retryAfterSeconds), values);

  const [locale, origin] = await Promise.all([requestLocale(), siteOrigin()]);
  const result = await requestEmailChange({ userId: user.id, email: parsed.data.email, locale, origin });
  if (result === "same") return fieldError("email", t("settings.emailSame"), values);
  // "taken" answers like "sent": the form must not tell which addresses have an account.
  revalidatePath("/settings/account");
  return ok({ message: t("settings.emailChangeSent", { email: parsed.data.email }) });
}

export async function deleteAccountAction(
  state: FormState<DeleteAccountValues>,
  formData: FormData,
): Promise<FormState<DeleteAccountValues>> {
  return keepInputWhenUnavailable(deleteAccountSubmission, state, formData);
}

async function deleteAccountSubmission(
  _prev: FormState<DeleteAccountValues>,
  formData: FormData,
): Promise<FormState<DeleteAccountValues>> {
  const t = await getTranslations();
  const values = { content: formText(formData, "content") };
  const user = await requireUser(() => refuse(formError(t("settings.signedOut"), values)));
  const parsed = deleteAccountSchema.safeParse(
    { ...values, currentPassword: formText(formData, "currentPassword") },
    { error: validationErrorMap(t) },
  );
  if (!parsed.success) return invalid(parsed.error, values);

  const check = await checkCurrentPassword({ userId: user.id, password: parsed.data.currentPassword });
  if (!check.ok) return passwordRefusal(check, t, values);

  const result = await deleteAccount({ userId: user.id, content: parsed.data.content });
  if (!result.ok) {
    return formError(
      result.reason === "last_admin" ? t("settings.lastAdmin") : t("settings.signedOut"),
      values,
    );
  }
  await contentChanged();
  // The row is gone, so the session no longer counts anywhere; this clears the cookie too.
  await signOut({ redirectTo: "/signin?deleted=1" });
  return ok();
}
