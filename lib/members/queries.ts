import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { slugify } from "@/lib/stories/slug";

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

/**
 * Creates a member with a handle derived from the name ("Anna de Vries" → "anna-de-vries",
 * then "anna-de-vries-2", ...). The unique indexes decide races; we only pick candidates.
 */
export async function createMember(params: { name: string; email: string; passwordHash: string }): Promise<PublicMember> {
  const db = await getDb();
  const base = slugify(params.name).slice(0, 30) || "member";
  for (let attempt = 0; attempt < 20; attempt++) {
    const handle = attempt === 0 ? base : attempt < 10 ? `${base}-${attempt + 1}` : `${base}-${crypto.randomUUID().slice(0, 6)}`;
    try {
      const [member] = await db
        .insert(users)
        .values({ name: params.name, email: params.email, handle, passwordHash: params.passwordHash })
        .returning({ id: users.id, name: users.name, handle: users.handle, createdAt: users.createdAt });
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
