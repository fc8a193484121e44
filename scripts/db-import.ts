/*
 * `DATABASE_URL=postgres://... npm run db:import -- <file> [--replace]`: loads an export made by
 * `npm run db:export` into the PostgreSQL database in DATABASE_URL. Migrates the database (no
 * seed), refuses one that holds rows unless --replace is given, imports everything in one
 * transaction and compares every table's count and checksum with the file; any difference
 * rolls the import back. Exit code 0 when every table matches. See docs/deployment.md.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, type DatabaseHandle } from "../db";
import { createTagStore } from "../lib/cache/tag-store";
import { CACHE_TAGS } from "../lib/cache/tags";
import { formatTable, readExportFile, type ExportFile } from "../lib/data-transfer/export";
import { env } from "../lib/env";
import { importDatabase, ImportRefused } from "../lib/data-transfer/import";

function usage(): never {
  console.error("Usage: DATABASE_URL=postgres://... npm run db:import -- <export.json.gz> [--replace]");
  process.exit(2);
}
let args: { values: { replace?: boolean }; positionals: string[] };
try {
  args = parseArgs({
    args: process.argv.slice(2),
    options: { replace: { type: "boolean" } },
    allowPositionals: true,
  });
} catch {
  usage();
}
const replace = args.values.replace ?? false;
const files = args.positionals;
if (files.length !== 1 || files[0].startsWith("-")) usage();
const databaseUrl = env().DATABASE_URL;
if (!databaseUrl) {
  console.error(
    "DATABASE_URL is not set. db:import loads an export into PostgreSQL: create an empty database and run\n" +
      "  DATABASE_URL=postgres://user:password@host:5432/vertrekpunt npm run db:import -- <export.json.gz>",
  );
  process.exit(2);
}

const file = path.resolve(files[0]);
let data: ExportFile;
try {
  data = await readExportFile(file);
} catch (error) {
  console.error(`Cannot read ${file}: ${(error as Error).message}`);
  process.exit(1);
}

let handle: DatabaseHandle;
try {
  handle = await openDatabase({ databaseUrl, prepare: "migrate-only" });
} catch (error) {
  console.error(`Could not open or migrate the database in DATABASE_URL: ${(error as Error).message}`);
  process.exit(1);
}

try {
  const result = await importDatabase(handle.db, data, { replace });
  const rows = result.tables.map((check) => [
    check.table,
    String(check.expectedCount),
    String(check.count),
    check.checksum.slice(0, 16),
    check.ok ? "OK" : "MISMATCH",
  ]);
  console.log(formatTable(["table", "export", "imported", "sha256", "check"], rows));
  if (result.ok) {
    const total = result.tables.reduce((sum, check) => sum + check.count, 0);
    console.log(`\nImported ${total} rows from ${file} (exported ${data.exportedAt}); every table matches.`);
    // App servers already running on this database drop what they cached (decision 024).
    await createTagStore({ db: async () => handle.db }).expire([CACHE_TAGS.content]);
  } else {
    const bad = result.tables.filter((check) => !check.ok).map((check) => check.table);
    console.error(
      `\nMISMATCH in ${bad.join(", ")}: the import was rolled back and the database is unchanged.`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(
    error instanceof ImportRefused
      ? error.message
      : `Import failed, nothing was imported: ${(error as Error).message}`,
  );
  process.exitCode = 1;
} finally {
  await handle.close();
}
