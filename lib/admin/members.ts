import "server-only";
import { desc, isNotNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { users, type Role } from "@/db/schema";

export type MemberRow = {
  id: string;
  name: string;
  handle: string;
  email: string;
  role: Role;
  createdAt: Date;
  suspended: boolean;
};

/** Members for the admin pages, newest first, optionally matching a name, handle or email. */
export async function listMembers(query?: string, limit = 100): Promise<MemberRow[]> {
  const db = await getDb();
  const q = query?.trim().toLowerCase();
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      suspendedUntil: users.suspendedUntil,
      suspendedForGood: users.suspendedForGood,
    })
    .from(users)
    .where(
      q
        ? sql`(lower(${users.name}) LIKE ${`%${q}%`} OR ${users.handle} LIKE ${`%${q}%`} OR lower(${users.email}) LIKE ${`%${q}%`})`
        : isNotNull(users.passwordHash),
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit);
  const now = new Date();
  return rows.map(({ suspendedUntil, suspendedForGood, ...row }) => ({
    ...row,
    suspended: suspendedForGood || (suspendedUntil !== null && suspendedUntil > now),
  }));
}
