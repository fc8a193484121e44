import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { passwordResetTokens, users } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { enqueueMail } from "@/lib/mail/outbox";
import { passwordResetMail } from "@/lib/mail/templates";
import { clearSignInFailures } from "@/lib/rate-limit/limits";
import { hashPassword } from "./password";
import { RESET_TOKEN_PATTERN } from "./schema";

/*
 * Password reset by email. The link carries a random token; the database keeps only its
 * SHA-256, so a leaked copy of the table opens no account. A token works once, for an hour, and
 * asking again replaces it. Whether the email belongs to an account is never revealed: both
 * cases give the same answer (the action also makes them take the same time).
 */

export const RESET_TOKEN_VALID_MINUTES = 60;

/** The stored form of a token. A fast hash is enough: the token has 256 random bits. */
export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Queues a reset mail when `email` belongs to an account that signs in with a password; does
 * nothing otherwise. `origin` is the site's public origin (lib/feeds/site-url.ts), `locale` the
 * language of the request, used for the mail.
 */
export async function requestPasswordReset(params: {
  email: string;
  locale: Locale;
  origin: string;
  now?: Date;
}): Promise<void> {
  const now = params.now ?? new Date();
  const email = params.email.trim().toLowerCase();
  const token = randomBytes(32).toString("base64url");
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    // Accounts without a password (the seeded Editors account) never sign in, and do not get one here.
    .where(and(sql`lower(${users.email}) = ${email}`, isNotNull(users.passwordHash)))
    .limit(1);
  if (!user) return;

  const mail = passwordResetMail({
    locale: params.locale,
    name: user.name,
    email: user.email,
    resetUrl: `${params.origin}/reset-password/${token}`,
    validMinutes: RESET_TOKEN_VALID_MINUTES,
  });
  await db.transaction(async (tx) => {
    // Only the newest link works: the older ones (used or not) go.
    await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
    await tx.insert(passwordResetTokens).values({
      tokenHash: hashResetToken(token),
      userId: user.id,
      expiresAt: new Date(now.getTime() + RESET_TOKEN_VALID_MINUTES * 60_000),
    });
    await enqueueMail(tx, { to: user.email, userId: user.id, kind: "password-reset", ...mail });
  });
}

/** Whether the token would still reset a password now (for the page that shows the form). */
export async function isPasswordResetTokenValid(token: string, now: Date = new Date()): Promise<boolean> {
  return (await validTokenOwner(token, now)) !== null;
}

async function validTokenOwner(token: string, now: Date): Promise<string | null> {
  if (!RESET_TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, hashResetToken(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, now),
        isNotNull(users.passwordHash),
      ),
    )
    .limit(1);
  return row?.userId ?? null;
}

export type ResetResult = { ok: true; userId: string } | { ok: false };

/**
 * Sets a new password with a valid token: marks the token used (in one conditional update, so
 * two submissions cannot both use it), stores the new hash, and bumps the session version,
 * which ends every session of the account. The account's failed sign-ins are forgiven: whoever
 * holds the mailbox has shown who they are.
 */
export async function resetPassword(params: {
  token: string;
  password: string;
  now?: Date;
}): Promise<ResetResult> {
  const now = params.now ?? new Date();
  // An unknown or spent token costs no password hashing.
  if (!(await validTokenOwner(params.token, now))) return { ok: false };
  const passwordHash = await hashPassword(params.password);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashResetToken(params.token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (!claimed) return null;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, claimed.userId))
      .returning({ id: users.id, email: users.email });
    return user ?? null;
  });
  if (!result) return { ok: false };
  await clearSignInFailures(`account:${result.email.toLowerCase()}`);
  return { ok: true, userId: result.id };
}
