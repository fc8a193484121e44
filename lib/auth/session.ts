import "server-only";
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { users, type Role } from "@/db/schema";
import { auth } from "./auth";
import { isSuspended } from "./credentials";

/** What pages and actions know about the person asking. Never the password hash. */
export type CurrentUser = { id: string; name: string; handle: string; role: Role };

export type Suspension = { until: Date | null; forGood: boolean; reason: string };

/**
 * The signed-in member, read fresh from the database once per request, so a renamed,
 * suspended or removed account is seen at once rather than when the token expires. A token
 * from before the member's sessions were ended (session version) or of a suspended member
 * counts as signed out; `suspension` then says why, for the banner.
 */
export const currentSession = cache(async (): Promise<{ user: CurrentUser | null; suspension: Suspension | null }> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return { user: null, suspension: null };
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      role: users.role,
      sessionVersion: users.sessionVersion,
      suspendedUntil: users.suspendedUntil,
      suspendedForGood: users.suspendedForGood,
      suspensionReason: users.suspensionReason,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row) return { user: null, suspension: null };
  if (isSuspended(row)) return { user: null, suspension: { until: row.suspendedUntil, forGood: row.suspendedForGood, reason: row.suspensionReason } };
  if (row.sessionVersion !== (session.user.sessionVersion ?? 0)) return { user: null, suspension: null };
  return { user: { id: row.id, name: row.name, handle: row.handle, role: row.role }, suspension: null };
});

export async function currentUser(): Promise<CurrentUser | null> {
  return (await currentSession()).user;
}

/** For pages: the member, or a redirect to sign in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
