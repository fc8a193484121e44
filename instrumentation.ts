/*
 * Runs once when the server starts, before it handles requests: open the database, apply
 * migrations and the seed, so the first visitor does not wait for them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load this file too; building must never open the database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabaseHandle } = await import("./db");
  try {
    const handle = await getDatabaseHandle();
    console.log(`[vertrekpunt] database ready (${handle.kind})`);
  } catch (error) {
    // Keep serving: /api/health reports the outage, and the next request tries again.
    console.error("[vertrekpunt] database not ready at start-up:", (error as Error).message);
    // A second process on the embedded database is a configuration error, not an outage.
    if (!process.env.DATABASE_URL) throw error;
  }
}
