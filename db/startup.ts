import { env, isBuildPhase } from "../lib/env";
import { errorFields, log } from "../lib/log";
import { reportDatabaseError } from "./health";
import { getDatabaseHandle } from "./index";

/**
 * Called once by instrumentation.ts when the server starts: opens the database, applies
 * migrations and the seed, so the first visitor does not wait for them.
 */
export async function prepareDatabaseAtStartup(): Promise<void> {
  // `next build` may load instrumentation too; building must never open the database.
  if (isBuildPhase()) return;
  try {
    const handle = await getDatabaseHandle();
    log.info("database ready", { kind: handle.kind });
  } catch (error) {
    log.error("database not ready at start-up", errorFields(error));
    // The embedded database failing to open (e.g. in use by another process) will not pass
    // by itself: stop, rather than serve error pages.
    if (!env().DATABASE_URL) process.exit(1);
    // PostgreSQL may come back: keep serving. The health monitor marks it down (pages answer
    // 503, /api/health too) and its probe opens, migrates and seeds it once it answers.
    reportDatabaseError(error);
  }
}
