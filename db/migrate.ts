import { openDatabase } from "./index";

// `npm run db:migrate`: applies pending migrations and the idempotent seed, then exits.
const handle = await openDatabase({ prepare: true });
await handle.close();
console.log(`Database migrated and seeded (${handle.kind}).`);
