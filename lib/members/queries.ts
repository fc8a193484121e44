import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db";
import { users, type Role } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { handleBase, handleCandidate } from "./handles";

export type PublicMember = { id: string; name: string; handle: string; createdAt: Date };

/** The public face of a member: no email, no password hash, no role. */
export async function getMemberByHandle(handle: string): Promise<PublicMember | null> {
  const db = await getDb();
  const [member] = await db
    .select({ id: users.id, name: users.name, handle: users.handle, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.handle, handle.toLowerCase()))
    .limit(1);
  return member ?? null;
}

export class EmailTakenError extends Error {}

// Any fixed number; only sign-ups take this advisory lock.
const FIRST_ADMIN_LOCK = 727_001;

/**
 * Creates a member with a handle derived from the name ("Anna de Vries" → "anna-de-vries",
 * then "anna-de-vries-2", ...; lib/members/handles.ts). The unique indexes decide races; we
 * only pick candidates.
 */
export async function createMember(params: {
  name: string;
  email: string;
  passwordHash: string;
  firstBecomesAdmin?: boolean;
  /** The language mail to the member is written in (users.locale). */
  locale?: Locale;
  /** More writes that belong with the new account (a confirmation link), in its transaction. */
  afterCreate?: (tx: Transaction, member: PublicMember & { email: string }) => Promise<void>;
}): Promise<PublicMember> {
  const db = await getDb();
  const base = handleBase(params.name);
  for (let attempt = 0; attempt < 20; attempt++) {
    const handle = handleCandidate(base, attempt);
    try {
      const member = await db.transaction(async (tx) => {
        // Serialises sign-ups on a fresh installation, so exactly one becomes the first admin.
        if (params.firstBecomesAdmin)
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
        const role = params.firstBecomesAdmin
          ? sql`CASE WHEN EXISTS (SELECT 1 FROM ${users} WHERE ${users.role} = 'admin') THEN 'member'::role ELSE 'admin'::role END`
          : undefined;
        const [row] = await tx
          .insert(users)
          .values({
            name: params.name,
            email: params.email,
            handle,
            passwordHash: params.passwordHash,
            ...(role ? { role } : {}),
            ...(params.locale ? { locale: params.locale } : {}),
          })
          .returning({ id: users.id, name: users.name, handle: users.handle, createdAt: users.createdAt });
        if (params.afterCreate) await params.afterCreate(tx, { ...row, email: params.email });
        return row;
      });
      return member;
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === "users_email_lower_idx") throw new EmailTakenError();
      if (constraint === null) throw error;
      // Handle taken: try the next candidate.
    }
  }
  throw new Error("Could not find a free handle");
}

/** The name of the violated unique constraint, or null when the error is something else. */
function uniqueViolation(error: unknown): string | null {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const pgError = cause as { code?: string; constraint?: string };
  return pgError?.code === "23505" ? (pgError.constraint ?? "unknown") : null;
}

/** A member's suspension, by email, for the sign-in message. */
export async function suspensionOf(email: string): Promise<{ until: Date | null; forGood: boolean } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ until: users.suspendedUntil, forGood: users.suspendedForGood })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return row ?? null;
}

/** Ends every session of the member: the token of each carries an older session version. */
export async function endAllSessions(userId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

export async function getMemberRole(id: string): Promise<{ id: string; role: Role } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}
