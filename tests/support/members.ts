import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users, type EmailFrequency, type Role } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Locale } from "@/lib/i18n/locales";
import { createMember } from "@/lib/members/queries";

export type NewMemberOptions = {
  /** The start of the address, to tell in the database which test made the member. */
  prefix?: string;
  role?: Role;
  /** The language of mail to the member. */
  locale?: Locale;
  emailFrequency?: EmailFrequency;
  /** For tests that sign in; without it the hash is a placeholder that matches no password. */
  password?: string;
};

let created = 0;
// Hashing is slow on purpose; tests that sign in use one or two passwords many times.
const hashes = new Map<string, Promise<string>>();

/**
 * A member for an integration test, with an address no other test uses, made as sign-up makes
 * one (createMember); role and mail frequency are then set as an admin or the settings page
 * would.
 */
export async function newMember(name = "Test Member", options: NewMemberOptions = {}) {
  created += 1;
  const email = `${options.prefix ?? "member"}-${created}-${Date.now()}@example.org`;
  let passwordHash = "x";
  if (options.password !== undefined) {
    if (!hashes.has(options.password)) hashes.set(options.password, hashPassword(options.password));
    passwordHash = await (hashes.get(options.password) as Promise<string>);
  }
  const member = await createMember({ name, email, passwordHash, locale: options.locale });
  const role = options.role ?? "member";
  if (role !== "member" || options.emailFrequency) {
    const db = await getDb();
    await db
      .update(users)
      .set({
        ...(role !== "member" ? { role } : {}),
        ...(options.emailFrequency ? { emailFrequency: options.emailFrequency } : {}),
      })
      .where(eq(users.id, member.id));
  }
  return { ...member, email, role };
}
