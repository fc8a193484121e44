import { getDatabaseHandle } from "./index";

/**
 * Called once by instrumentation.ts when the server starts: opens the database, applies
 * migrations and the seed, so the first visitor does not wait for them.
 */
export async function prepareDatabaseAtStartup(): Promise<void> {
  // `next build` may load instrumentation too; building must never open the database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const handle = await getDatabaseHandle();
    console.log(`[vertrekpunt] database ready (${handle.kind})`);
  } catch (error) {
    console.error(`[vertrekpunt] database not ready at start-up: ${(error as Error).message}`);
    // The embedded database failing to open (e.g. in use by another process) will not pass
    // by itself: stop, rather than serve error pages.
    if (!process.env.DATABASE_URL) process.exit(1);
    // PostgreSQL may come back: keep serving; /api/health reports 503 until it does.
  }
}
