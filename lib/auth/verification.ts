import { env, type Env } from "@/lib/env";

/*
 * Whether new accounts must confirm their email address before they write anything others see. Pure
 * (no database), read at every call, so tests and the end-to-end servers can set it per process.
 * See docs/decisions/022-accounts-and-verification.md and 031-authorisation-by-role-and-status.md.
 */

type Settings = Pick<Env, "REQUIRE_EMAIL_VERIFICATION" | "SMTP_URL">;

/**
 * REQUIRE_EMAIL_VERIFICATION=on|off; unset: on exactly when SMTP_URL is set. Without a mail
 * server nobody could receive the link, so the zero-config installation lets accounts in at once.
 */
export function emailVerificationRequired(settings: Settings = env()): boolean {
  return settings.REQUIRE_EMAIL_VERIFICATION ?? Boolean(settings.SMTP_URL);
}

/**
 * An account waits for its address to be confirmed when confirmation is required now, the
 * address was never confirmed, and a confirmation link was sent at sign-up (`verifyLinkSent`).
 * Accounts made while confirmation was not required (and those from before it existed) never
 * got such a link, and so count as confirmed: they were never asked.
 */
export function awaitsEmailConfirmation(
  account: { emailVerified: Date | null; verifyLinkSent: boolean },
  settings: Settings = env(),
): boolean {
  return emailVerificationRequired(settings) && account.emailVerified === null && account.verifyLinkSent;
}
