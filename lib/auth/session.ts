import "server-only";
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { users, type Role } from "@/db/schema";
import { auth } from "./auth";

/** What pages and actions know about the person asking. Never the password hash. */
export type CurrentUser = { id: string; name: string; handle: string; role: Role };

/**
 * The signed-in member, read fresh from the database once per request, so a renamed or
 * removed account is seen at once rather than when the token expires.
 */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, name: users.name, handle: users.handle, role: users.role })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return user ?? null;
});

/** For pages: the member, or a redirect to sign in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
