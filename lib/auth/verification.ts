/*
 * Whether new accounts must confirm their email address before they publish or comment. Pure
 * (no database), read at every call, so tests and the end-to-end servers can set it per process.
 * See docs/decisions/022-accounts-and-verification.md.
 */

type Env = Record<string, string | undefined>;

/**
 * REQUIRE_EMAIL_VERIFICATION=on|off; unset: on exactly when SMTP_URL is set. Without a mail
 * server nobody could receive the link, so the zero-config installation lets accounts in at once.
 */
export function emailVerificationRequired(env: Env = process.env): boolean {
  const value = env.REQUIRE_EMAIL_VERIFICATION?.trim().toLowerCase();
  if (value === "on" || value === "true" || value === "1") return true;
  if (value === "off" || value === "false" || value === "0") return false;
  return Boolean(env.SMTP_URL?.trim());
}

/**
 * An account waits for its address to be confirmed when confirmation is required now, the
 * address was never confirmed, and a confirmation link was sent at sign-up (`verifyLinkSent`).
 * Accounts made while confirmation was not required (and those from before it existed) never
 * got such a link, and so count as confirmed: they were never asked.
 */
export function awaitsEmailConfirmation(
  account: { emailVerified: Date | null; verifyLinkSent: boolean },
  env: Env = process.env,
): boolean {
  return emailVerificationRequired(env) && account.emailVerified === null && account.verifyLinkSent;
}
