import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { emailTokens, passwordResetTokens, users, verificationTokens } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { isLocale } from "@/lib/i18n/locales";
import { enqueueMail } from "@/lib/mail/outbox";
import { changeEmailMail, confirmEmailMail, emailChangedMail } from "@/lib/mail/templates";
import { hashResetToken } from "./password-reset";
import { RESET_TOKEN_PATTERN } from "./schema";

/*
 * Links that confirm an address: the one given at sign-up (`verify_email`) and a new one for an
 * existing account (`change_email`). Made like password reset links (password-reset.ts): 32
 * random bytes, only the SHA-256 stored, an expiry, used once, and only the newest link of each
 * kind works. See docs/decisions/022-accounts-and-verification.md.
 *
 * An account's `verify_email` rows are also the record that it was asked to confirm (see
 * lib/auth/verification.ts): they are replaced, never only deleted, while the account exists.
 */

export const VERIFY_LINK_VALID_HOURS = 48;
export const CHANGE_LINK_VALID_HOURS = 24;

export type EmailTokenPurpose = "verify_email" | "change_email";

const HOUR_MS = 60 * 60 * 1000;

function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashResetToken(token) };
}

function confirmUrl(origin: string, token: string): string {
  return `${origin}/verify-email/${token}`;
}

/**
 * Sends (queues) the link that confirms the account's address, inside the caller's transaction:
 * the sign-up's, or a "send the link again". Earlier links stop working.
 */
export async function queueConfirmationLink(
  tx: Transaction,
  params: { user: { id: string; name: string; email: string }; locale: Locale; origin: string; now?: Date },
): Promise<void> {
  const now = params.now ?? new Date();
  const { token, tokenHash } = newToken();
  await tx
    .delete(emailTokens)
    .where(and(eq(emailTokens.userId, params.user.id), eq(emailTokens.purpose, "verify_email")));
  await tx.insert(emailTokens).values({
    tokenHash,
    userId: params.user.id,
    purpose: "verify_email",
    email: params.user.email,
    expiresAt: new Date(now.getTime() + VERIFY_LINK_VALID_HOURS * HOUR_MS),
  });
  const mail = confirmEmailMail({
    locale: params.locale,
    name: params.user.name,
    email: params.user.email,
    url: confirmUrl(params.origin, token),
    validHours: VERIFY_LINK_VALID_HOURS,
  });
  await enqueueMail(tx, { to: params.user.email, userId: params.user.id, kind: "verify-email", ...mail });
}

/** "Send the link again", for an account whose address is not confirmed; false when there is nothing to confirm. */
export async function resendConfirmationLink(params: {
  userId: string;
  locale: Locale;
  origin: string;
  now?: Date;
}): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.id, params.userId), isNull(users.emailVerified)))
      .for("update");
    if (!user) return false;
    await queueConfirmationLink(tx, { user, locale: params.locale, origin: params.origin, now: params.now });
    return true;
  });
}

export type EmailChangeRequest = "sent" | "same" | "taken";

/**
 * Queues the link to the new address; the account keeps its address until the link is opened.
 * "taken": another account has the address; the caller must answer as for "sent", so the form
 * does not tell members which addresses have accounts. Only the newest link works.
 */
export async function requestEmailChange(params: {
  userId: string;
  email: string;
  locale: Locale;
  origin: string;
  now?: Date;
}): Promise<EmailChangeRequest> {
  const now = params.now ?? new Date();
  const email = params.email.trim().toLowerCase();
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, params.userId));
  if (!user) return "taken";
  if (user.email.toLowerCase() === email) return "same";
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email}`, ne(users.id, user.id)))
    .limit(1);
  if (other) return "taken";

  const { token, tokenHash } = newToken();
  const mail = changeEmailMail({
    locale: params.locale,
    name: user.name,
    email,
    url: confirmUrl(params.origin, token),
    validHours: CHANGE_LINK_VALID_HOURS,
  });
  await db.transaction(async (tx) => {
    await tx
      .delete(emailTokens)
      .where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, "change_email")));
    await tx.insert(emailTokens).values({
      tokenHash,
      userId: user.id,
      purpose: "change_email",
      email,
      expiresAt: new Date(now.getTime() + CHANGE_LINK_VALID_HOURS * HOUR_MS),
    });
    // No account has this address yet, so the mail belongs to none (mail_outbox.user_id).
    await enqueueMail(tx, { to: email, userId: null, kind: "change-email", ...mail });
  });
  return "sent";
}

export type EmailTokenView = { purpose: EmailTokenPurpose; email: string };

/** What a link would confirm now, for the page it opens; null when it no longer works. */
export async function describeEmailToken(
  token: string,
  now: Date = new Date(),
): Promise<EmailTokenView | null> {
  if (!RESET_TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ purpose: emailTokens.purpose, email: emailTokens.email })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashResetToken(token)),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

export type ConfirmResult =
  { ok: true; purpose: EmailTokenPurpose; userId: string } | { ok: false; reason: "invalid" | "taken" };

/**
 * Opens a link: marks it used (one conditional update, so it works once even when sent twice at
 * once) and confirms the address, or makes the new address the account's. A change also ends
 * the reset and sign-in links sent to the old address, and tells the old address.
 */
export async function confirmEmailToken(params: { token: string; now?: Date }): Promise<ConfirmResult> {
  const now = params.now ?? new Date();
  if (!RESET_TOKEN_PATTERN.test(params.token)) return { ok: false, reason: "invalid" };
  const db = await getDb();
  try {
    return await db.transaction(async (tx): Promise<ConfirmResult> => {
      const [claimed] = await tx
        .update(emailTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(emailTokens.tokenHash, hashResetToken(params.token)),
            isNull(emailTokens.usedAt),
            gt(emailTokens.expiresAt, now),
          ),
        )
        .returning({ userId: emailTokens.userId, purpose: emailTokens.purpose, email: emailTokens.email });
      if (!claimed) return { ok: false, reason: "invalid" };

      const [user] = await tx
        .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
        .from(users)
        .where(eq(users.id, claimed.userId))
        .for("update");
      if (!user) return { ok: false, reason: "invalid" };

      if (claimed.purpose === "verify_email") {
        // A link for an address the account no longer has confirms nothing.
        if (user.email.toLowerCase() !== claimed.email.toLowerCase()) return { ok: false, reason: "invalid" };
        await tx
          .update(users)
          .set({ emailVerified: now })
          .where(and(eq(users.id, user.id), isNull(users.emailVerified)));
        return { ok: true, purpose: "verify_email", userId: user.id };
      }

      // Opening the link proves the new address, so it is confirmed too.
      await tx.update(users).set({ email: claimed.email, emailVerified: now }).where(eq(users.id, user.id));
      await tx
        .delete(emailTokens)
        .where(
          and(
            eq(emailTokens.userId, user.id),
            eq(emailTokens.purpose, "change_email"),
            isNull(emailTokens.usedAt),
          ),
        );
      // Links already mailed to the old address must not open the account any more.
      await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
      await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email.toLowerCase()));
      const mail = emailChangedMail({
        locale: isLocale(user.locale) ? user.locale : "en",
        name: user.name,
        oldEmail: user.email,
        newEmail: claimed.email,
      });
      await enqueueMail(tx, { to: user.email, userId: user.id, kind: "email-changed", ...mail });
      return { ok: true, purpose: "change_email", userId: user.id };
    });
  } catch (error) {
    // Another account took the address between the request and the click.
    if (isEmailTaken(error)) return { ok: false, reason: "taken" };
    throw error;
  }
}

function isEmailTaken(error: unknown): boolean {
  const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; constraint?: string };
  return cause?.code === "23505" && cause.constraint === "users_email_lower_idx";
}
