/*
 * `npm run admin:grant -- <email>`: makes an existing account admin, for a new installation's
 * operator or when the last admin is gone. Recorded in the audit trail as done by the system.
 * With the embedded database, stop the server first (one process at a time).
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { closeDb, getDb } from "../db";
import { users } from "../db/schema";
import { setRole } from "../lib/admin/roles";

function usage(): never {
  console.error("Usage: npm run admin:grant -- <email of an existing account>");
  process.exit(2);
}
let email: string | undefined;
try {
  email = parseArgs({ args: process.argv.slice(2), allowPositionals: true })
    .positionals[0]?.trim()
    .toLowerCase();
} catch {
  usage();
}
if (!email || !email.includes("@")) usage();

const db = await getDb();
const [user] = await db
  .select({ id: users.id, handle: users.handle, role: users.role })
  .from(users)
  .where(sql`lower(${users.email}) = ${email}`)
  .limit(1);
if (!user) {
  console.error(`No account with the email ${email}. Sign up first, then run this again.`);
  await closeDb();
  process.exit(1);
}
if (user.role === "admin") {
  console.log(`@${user.handle} is already admin.`);
} else {
  await setRole({ actorId: null, userId: user.id, role: "admin" });
  console.log(`@${user.handle} (${email}) is now admin.`);
}
await closeDb();
