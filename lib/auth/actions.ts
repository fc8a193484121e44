"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { isDatabaseUnavailable } from "@/db/health";
import { createMember, EmailTakenError, suspensionOf } from "@/lib/members/queries";
import { addressOverLimit, rateLimitMessage } from "@/lib/rate-limit/guard";
import { SignInThrottled } from "@/lib/rate-limit/sign-in";
import { formText } from "@/lib/validation/form-data";
import { validationErrorMap } from "@/lib/validation/error-map";
import { fieldError, formError, invalid, ok, type FormState } from "@/lib/validation/form-state";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import { siteOrigin } from "@/lib/feeds/site-url";
import { hitRule } from "@/lib/rate-limit/limits";
import { signIn, signOut } from "./auth";
import { safeCallbackUrl } from "./callback-url";
import { setFlash } from "@/lib/feedback/flash";

const WELCOME_PATH = "/welcome";
import { queueConfirmationLink } from "./email-tokens";
import { SuspendedSignIn } from "./errors";
import { CHECK_EMAIL_PATH, MAGIC_LINK_PROVIDER_ID, magicLinkAllowed } from "./magic-link";
import { hashPassword } from "./password";
import { requestLocale } from "./request-locale";
import { magicLinkSchema, signInSchema, signUpSchema } from "./schema";
import { emailVerificationRequired } from "./verification";

// The password is never sent back to the browser, not even after a rejected submission.
export type SignUpValues = { name: string; email: string };
export type SignInValues = { email: string };
export type MagicLinkValues = { email: string };

export async function signUpAction(
  state: FormState<SignUpValues>,
  formData: FormData,
): Promise<FormState<SignUpValues>> {
  return keepInputWhenUnavailable(signUpSubmission, state, formData);
}

async function signUpSubmission(
  _prev: FormState<SignUpValues>,
  formData: FormData,
): Promise<FormState<SignUpValues>> {
  const t = await getTranslations();
  const values = { name: formText(formData, "name"), email: formText(formData, "email") };
  const parsed = signUpSchema.safeParse(
    { ...values, password: formText(formData, "password") },
    { error: validationErrorMap(t) },
  );
  if (!parsed.success) return invalid(parsed.error, values);
  const limited = await addressOverLimit("signUpPerIp");
  if (limited) return formError(limited, values);

  // Mail follows the language the person signs up in, until they choose another.
  const locale = await requestLocale();
  const confirm = emailVerificationRequired() ? { origin: await siteOrigin() } : null;
  try {
    await createMember({
      name: parsed.data.name,
      email: parsed.data.email,
      passwordHash: await hashPassword(parsed.data.password),
      // On a fresh installation the first account becomes admin.
      firstBecomesAdmin: true,
      locale,
      // With confirmation required, the link goes out in the account's own transaction.
      afterCreate: confirm
        ? (tx, member) => queueConfirmationLink(tx, { user: member, locale, origin: confirm.origin })
        : undefined,
    });
  } catch (error) {
    if (error instanceof EmailTakenError) return fieldError("email", t("auth.emailTaken"), values);
    throw error;
  }

  // Signs the new member in and redirects (throws Next's redirect on success): back to where
  // they were going, or else to the page that says what they can do now.
  const requested = safeCallbackUrl(formText(formData, "callbackUrl"));
  const redirectTo = requested === "/" ? WELCOME_PATH : requested;
  await setFlash("signedUp");
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo });
  } catch (error) {
    // The account exists; only signing in must wait (failed sign-ins from this address). The sign-in form says how long.
    if (error instanceof SignInThrottled) redirect(`/signin?callbackUrl=${encodeURIComponent(redirectTo)}`);
    throw error;
  }
  return ok();
}

export async function signInAction(
  state: FormState<SignInValues>,
  formData: FormData,
): Promise<FormState<SignInValues>> {
  return keepInputWhenUnavailable(signInSubmission, state, formData);
}

async function signInSubmission(
  _prev: FormState<SignInValues>,
  formData: FormData,
): Promise<FormState<SignInValues>> {
  const t = await getTranslations();
  const values = { email: formText(formData, "email") };
  const parsed = signInSchema.safeParse(
    { ...values, password: formText(formData, "password") },
    { error: validationErrorMap(t) },
  );
  if (!parsed.success) return invalid(parsed.error, values);

  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackUrl(formText(formData, "callbackUrl")),
    });
  } catch (error) {
    if (error instanceof SignInThrottled) {
      return formError(await rateLimitMessage(error.retryAfterSeconds, "signIn"), values);
    }
    // Only someone who knows the password learns that the account is suspended, and until when.
    if (error instanceof SuspendedSignIn) {
      const suspension = await suspensionOf(parsed.data.email);
      const format = await getFormatter();
      const message = suspension?.forGood
        ? t("auth.suspendedForGood")
        : t("auth.suspendedUntil", {
            date: format.dateTime(suspension?.until ?? new Date(), { dateStyle: "long", timeStyle: "short" }),
          });
      return formError(message, values);
    }
    // An outage inside authorize() arrives wrapped by Auth.js; it is not a wrong password.
    const inner =
      error instanceof AuthError ? (error.cause as { err?: unknown } | undefined)?.err : undefined;
    if (isDatabaseUnavailable(inner)) throw inner;
    // One message for every failed sign-in: it must not reveal whether the email exists.
    if (error instanceof AuthError) return formError(t("auth.invalidCredentials"), values);
    throw error;
  }
  return ok();
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

// Both answers of "Email me a sign-in link" (account or not) take at least this long, as "Forgot
// your password?" does, so the response time does not tell whether a mail was queued.
const MAGIC_LINK_MIN_MS = 400;

/**
 * "Email me a sign-in link": the same "check your email" page for every address. Only an active
 * account with a password gets a link (lib/auth/magic-link.ts); no account is ever created.
 * Limited like "Forgot your password?", on the same counters: one budget of link mails per
 * address and per inbox.
 */
export async function requestMagicLinkAction(
  state: FormState<MagicLinkValues>,
  formData: FormData,
): Promise<FormState<MagicLinkValues>> {
  return keepInputWhenUnavailable(requestMagicLinkSubmission, state, formData);
}

async function requestMagicLinkSubmission(
  _prev: FormState<MagicLinkValues>,
  formData: FormData,
): Promise<FormState<MagicLinkValues>> {
  const t = await getTranslations();
  const values = { email: formText(formData, "email") };
  const parsed = magicLinkSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);

  const limited = await addressOverLimit("passwordResetPerIp");
  if (limited) return formError(limited, values);
  // Counted for every address asked about, with or without an account.
  const perEmail = await hitRule("passwordResetPerEmail", `email:${parsed.data.email}`);
  if (!perEmail.ok) return formError(await rateLimitMessage(perEmail.retryAfterSeconds), values);

  const redirectTo = safeCallbackUrl(formText(formData, "callbackUrl"));
  await Promise.all([
    sendMagicLinkIfAllowed(parsed.data.email, redirectTo),
    new Promise((resolve) => setTimeout(resolve, MAGIC_LINK_MIN_MS)),
  ]);
  redirect(CHECK_EMAIL_PATH);
}

async function sendMagicLinkIfAllowed(email: string, redirectTo: string): Promise<void> {
  if (!(await magicLinkAllowed(email))) return;
  try {
    // Auth.js makes and stores the token and calls sendMagicLink; we ignore where it would send
    // the browser, so every address ends on the same page.
    await signIn(MAGIC_LINK_PROVIDER_ID, { email, redirectTo, redirect: false });
  } catch (error) {
    const inner =
      error instanceof AuthError ? (error.cause as { err?: unknown } | undefined)?.err : undefined;
    if (isDatabaseUnavailable(inner)) throw inner;
    // Refused by Auth.js (an address it will not mail): the answer stays the same.
    if (!(error instanceof AuthError)) throw error;
  }
}
