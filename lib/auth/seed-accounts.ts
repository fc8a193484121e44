import "server-only";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { registerSeedStep } from "@/db/seed";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { hashPassword } from "./password";

/**
 * SEED_<ROLE>_EMAIL (+ _PASSWORD, _NAME) for ROLE = MODERATOR or ADMIN: an account with that role
 * for demos and end-to-end tests, created at start-up; an existing account gets the role and
 * keeps its password. On a real installation the first account to sign up becomes admin, and
 * admins appoint moderators from /admin.
 *
 * A seed step registered from here rather than written in db/seed.ts: hashing the password is
 * lib/auth's business, and db/ imports nothing but lib/'s core (eslint.config.mjs).
 */
export function registerRoleAccountSeed(): void {
  registerSeedStep("role accounts", seedRoleAccounts);
}

export async function seedRoleAccounts(db: Database): Promise<void> {
  await seedRoleAccount(db, "moderator");
  await seedRoleAccount(db, "admin");
}

async function seedRoleAccount(db: Database, role: "moderator" | "admin"): Promise<void> {
  const prefix = role === "admin" ? "SEED_ADMIN" : "SEED_MODERATOR";
  const settings = env();
  const email = settings[`${prefix}_EMAIL`];
  if (!email) return;
  const password = settings[`${prefix}_PASSWORD`];
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  if (existing) {
    await db.update(users).set({ role }).where(eq(users.id, existing.id));
    return;
  }
  if (!password || password.length < 10) {
    throw new Error(`${prefix}_PASSWORD (at least 10 characters) is needed to create the ${role} account.`);
  }
  const name = settings[`${prefix}_NAME`] ?? (role === "admin" ? "Admin" : "Moderator");
  await db
    .insert(users)
    .values({
      name,
      email,
      handle: `${role}-${randomUUID().slice(0, 6)}`,
      passwordHash: await hashPassword(password),
      role,
    })
    .onConflictDoNothing();
}
