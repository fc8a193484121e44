import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";

/*
 * The one-click unsubscribe link in every notification mail: `/unsubscribe/<token>`, where the
 * token is the member's id and an HMAC-SHA256 of it (keyed with AUTH_SECRET, bound to this
 * purpose), in base64url. Nothing is stored: the link works without signing in, for as long as
 * the secret stays the same, which RFC 8058 asks for (mail clients may use it much later).
 * It can do one thing only: turn the member's notification mail off.
 */

const PURPOSE = "unsubscribe";

function secret(): string {
  // The server has it from start-up; a script or test without it gets the embedded mode's file.
  if (!env().AUTH_SECRET) ensureAuthSecret();
  return env().AUTH_SECRET as string;
}

function signature(userId: string): string {
  return createHmac("sha256", secret()).update(`${PURPOSE}:${userId}`).digest("base64url");
}

export function unsubscribeToken(userId: string): string {
  return `${userId}.${signature(userId)}`;
}

/** The member a token was made for, or null when it was not made by this site (or was altered). */
export function verifyUnsubscribeToken(token: string): string | null {
  if (token.length > 200) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(signature(userId));
  // timingSafeEqual needs equal lengths; the length of a valid signature is no secret.
  if (given.length !== expected.length) return null;
  return timingSafeEqual(given, expected) ? userId : null;
}

export type UnsubscribeTarget = { email: string; emailFrequency: "immediate" | "daily" | "none" };

/** Whom a valid token belongs to, for the confirmation page; null for a bad token or a removed account. */
export async function unsubscribeTarget(token: string): Promise<UnsubscribeTarget | null> {
  const userId = verifyUnsubscribeToken(token);
  if (!userId) return null;
  const db = await getDb();
  const [row] = await db
    .select({ email: users.email, emailFrequency: users.emailFrequency })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** Turns notification mail off for the token's member. False for a bad token or a removed account. */
export async function unsubscribeWithToken(token: string): Promise<boolean> {
  const userId = verifyUnsubscribeToken(token);
  if (!userId) return false;
  const db = await getDb();
  const updated = await db
    .update(users)
    .set({ emailFrequency: "none" })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return updated.length > 0;
}
