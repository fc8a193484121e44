/*
 * Runs once when the server starts, before it handles requests: open the database, apply
 * migrations and the seed, so the first visitor does not wait for them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load this file too; building must never open the database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDatabaseHandle } = await import("./db");
  const handle = await getDatabaseHandle();
  console.log(`[vertrekpunt] database ready (${handle.kind})`);
}
