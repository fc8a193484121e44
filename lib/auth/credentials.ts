import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { verifyPassword } from "./password";
import { signInSchema } from "./schema";

export type AuthenticatedUser = {
  id: string;
  name: string;
  email: string;
  handle: string;
  role: "member" | "moderator" | "admin";
  sessionVersion: number;
};

/** Whether a suspension is in force now. */
export function isSuspended(
  user: { suspendedUntil: Date | null; suspendedForGood: boolean },
  now = new Date(),
): boolean {
  return user.suspendedForGood || (user.suspendedUntil !== null && user.suspendedUntil > now);
}

/**
 * The one place a password is checked. Unknown emails cost a hash comparison too. The right
 * password for a suspended account gives "suspended", so sign-in can say until when.
 */
export async function verifyCredentials(input: unknown): Promise<AuthenticatedUser | "suspended" | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      handle: users.handle,
      role: users.role,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
      suspendedUntil: users.suspendedUntil,
      suspendedForGood: users.suspendedForGood,
    })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);

  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid) return null;
  if (isSuspended(user)) return "suspended";
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    handle: user.handle,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

/**
 * Whether a session token still stands for a signed-in member: the account exists, is not
 * suspended, and its sessions have not been ended since the token was made (session version).
 * Pages and actions check the same through lib/auth/session.ts.
 */
export async function isCurrentSession(token: { id: string; sessionVersion: number }): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({
      sessionVersion: users.sessionVersion,
      suspendedUntil: users.suspendedUntil,
      suspendedForGood: users.suspendedForGood,
    })
    .from(users)
    .where(eq(users.id, token.id))
    .limit(1);
  return row !== undefined && !isSuspended(row) && row.sessionVersion === token.sessionVersion;
}
