import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { databaseIsDown, reportDatabaseError } from "@/db/health";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * For load balancers and monitoring: 200 when the database answers, 503 when it does not. While
 * the health monitor knows it is down (db/health.ts probes it every second), the answer comes
 * at once instead of after a connection attempt.
 */
export async function GET() {
  if (databaseIsDown())
    return Response.json({ status: "error", db: "down" }, { status: 503, headers: NO_STORE });
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", db: "ok" }, { headers: NO_STORE });
  } catch (error) {
    reportDatabaseError(error);
    return Response.json({ status: "error", db: "down" }, { status: 503, headers: NO_STORE });
  }
}
