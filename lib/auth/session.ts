import "server-only";
import { eq, sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { emailTokens, users, type Role } from "@/db/schema";
import { auth } from "./auth";
import { isSuspended } from "./credentials";
import { awaitsEmailConfirmation } from "./verification";

/**
 * What pages and actions know about the person asking. Never the password hash.
 * `emailUnconfirmed`: signed up while confirmation is required and has not confirmed yet, so
 * may read and write drafts but nothing others see (`canWritePublicly` in lib/auth/permissions.ts).
 */
export type CurrentUser = { id: string; name: string; handle: string; role: Role; emailUnconfirmed: boolean };

export type Suspension = { until: Date | null; forGood: boolean; reason: string };

/**
 * The signed-in member, read fresh from the database once per request, so a renamed,
 * suspended or removed account is seen at once rather than when the token expires. A token
 * from before the member's sessions were ended (session version) or of a suspended member
 * counts as signed out; `suspension` then says why, for the banner.
 */
export const currentSession = cache(
  async (): Promise<{ user: CurrentUser | null; suspension: Suspension | null }> => {
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
        emailVerified: users.emailVerified,
        verifyLinkSent: sql<boolean>`EXISTS (SELECT 1 FROM ${emailTokens} WHERE ${emailTokens.userId} = ${users.id} AND ${emailTokens.purpose} = 'verify_email')`,
      })
      .from(users)
      .where(eq(users.id, id))
      .limit(1);
    if (!row) return { user: null, suspension: null };
    if (isSuspended(row))
      return {
        user: null,
        suspension: {
          until: row.suspendedUntil,
          forGood: row.suspendedForGood,
          reason: row.suspensionReason,
        },
      };
    if (row.sessionVersion !== (session.user.sessionVersion ?? 0)) return { user: null, suspension: null };
    return {
      user: {
        id: row.id,
        name: row.name,
        handle: row.handle,
        role: row.role,
        emailUnconfirmed: awaitsEmailConfirmation(row),
      },
      suspension: null,
    };
  },
);

export async function currentUser(): Promise<CurrentUser | null> {
  return (await currentSession()).user;
}

/**
 * The member, for every page and mutation that needs one (reads that only personalise a page
 * use `currentUser`). Without one, `otherwise` says how the request ends: a path sends the
 * visitor to sign in and back to that path; a function ends it its own way and never returns,
 * e.g. `forbidden`, `() => redirect(...)`, or a form's answer with its text kept
 * (`() => refuse(formError(...))`, lib/validation/form-state.ts). Decision 034.
 */
export async function requireUser(otherwise: string | (() => never)): Promise<CurrentUser> {
  const user = await currentUser();
  if (user) return user;
  if (typeof otherwise === "function") return otherwise();
  redirect(`/signin?callbackUrl=${encodeURIComponent(otherwise)}`);
}
