/*
 * `npm run db:seed`: fills in what is missing (starting points, the example stories on a first
 * run, the SEED_* role accounts) without migrating first. The server does the same at start-up.
 */
import { openDatabase } from "../db";
import { seed } from "../db/seed";
import { registerRoleAccountSeed } from "../lib/auth/seed-accounts";

registerRoleAccountSeed();
const handle = await openDatabase();
await seed(handle.db);
await handle.close();
console.log("Seeded starting points and example stories.");
