/*
 * `npm run db:export [-- <file>]`: writes the whole database to one gzip'd JSON file
 * (default vertrekpunt-export-<UTC time>.json.gz in the current folder), to load into
 * PostgreSQL with `npm run db:import`. Reads the embedded database unless DATABASE_URL is set;
 * stop the server first (one process at a time). See docs/deployment.md.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, pgliteDataDir, type DatabaseHandle } from "../db";
import { exportDatabase, formatTable, writeExportFile } from "../lib/data-transfer/export";
import { env } from "../lib/env";

function usage(): never {
  console.error("Usage: npm run db:export [-- <file.json.gz>]");
  process.exit(2);
}
let args: string[];
try {
  // No options: anything starting with a dash is refused.
  args = parseArgs({ args: process.argv.slice(2), allowPositionals: true }).positionals;
} catch {
  usage();
}
if (args.length > 1 || args[0]?.startsWith("-")) usage();
const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
const file = path.resolve(args[0] ?? `vertrekpunt-export-${stamp}.json.gz`);
const source = env().DATABASE_URL
  ? "the PostgreSQL database in DATABASE_URL"
  : `the embedded database in ${pgliteDataDir()}`;

let handle: DatabaseHandle;
try {
  // Migrations only: the export is of the current schema, and nothing is seeded into it.
  handle = await openDatabase({ prepare: "migrate-only" });
} catch (error) {
  console.error(`Could not open ${source}:\n${(error as Error).message}`);
  if (!env().DATABASE_URL)
    console.error("Stop the server (npm start, npm run dev) first, then run the export again.");
  process.exit(1);
}

try {
  const data = await exportDatabase(handle.db);
  await writeExportFile(file, data);
  const rows = Object.entries(data.tables).map(([name, table]) => [
    name,
    String(table.count),
    table.checksum.slice(0, 16),
  ]);
  console.log(formatTable(["table", "rows", "sha256"], rows));
  const total = Object.values(data.tables).reduce((sum, table) => sum + table.count, 0);
  console.log(`\nExported ${total} rows from ${source} to ${file}`);
} catch (error) {
  console.error(`Export failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
