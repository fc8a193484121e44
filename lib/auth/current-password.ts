import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { clientIp } from "@/lib/rate-limit/client-ip";
import { clearSignInFailures, signInAllowed } from "@/lib/rate-limit/limits";
import { verifyPassword } from "./password";

export type PasswordCheck =
  | { ok: true }
  | { ok: false; reason: "wrong" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * The password the signed-in member types to change their password or address or to delete
 * the account. It counts against the same growing delay as signing in (account and address
 * keys, lib/rate-limit/limits.ts), so a borrowed session cannot be used to guess it faster.
 */
export async function checkCurrentPassword(params: {
  userId: string;
  password: string;
}): Promise<PasswordCheck> {
  const db = await getDb();
  const [user] = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, params.userId))
    .limit(1);
  if (!user) return { ok: false, reason: "wrong" };
  const account = `account:${user.email.toLowerCase()}`;
  const ip = `ip:${await clientIp()}`;
  const allowed = await signInAllowed([account, ip]);
  if (!allowed.ok) return { ok: false, reason: "throttled", retryAfterSeconds: allowed.retryAfterSeconds };
  if (!(await verifyPassword(user.passwordHash, params.password))) return { ok: false, reason: "wrong" };
  await clearSignInFailures(account, [ip]);
  return { ok: true };
}
