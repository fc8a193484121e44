import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import {
  appliedMigrations,
  appTables,
  readTable,
  rowsOf,
  useUtc,
  type AppTable,
  type ExportFile,
} from "./export";

/*
 * Loads an export (./export.ts) into a migrated database, in one transaction: refuse a database
 * that holds rows (or empty it first with `replace`), insert every table parents first, move the
 * serial sequences past the imported ids, then read every table back and compare its count and
 * checksum with the file's. Any difference rolls the whole import back.
 */

/** The import did not start: wrong file, other version, or a target that is not empty. */
export class ImportRefused extends Error {}

export type TableCheck = {
  table: string;
  expectedCount: number;
  count: number;
  expectedChecksum: string;
  checksum: string;
  ok: boolean;
};

export type ImportResult = { ok: boolean; tables: TableCheck[] };

// Rows per INSERT: keeps each statement's JSON parameter small.
const CHUNK_ROWS = 500;

// db/index.ts takes this lock while it migrates and seeds: an app server starting during the
// import waits, and then finds the imported rows instead of seeding an empty database.
const PREPARE_LOCK = 724201;

class VerificationFailed extends Error {
  constructor(readonly tables: TableCheck[]) {
    super("The imported rows differ from the export.");
  }
}

/** The file must describe exactly the tables and columns of this version's schema. */
function checkTables(data: ExportFile, tables: AppTable[]): void {
  const expected = tables.map((table) => table.name).sort();
  const found = Object.keys(data.tables ?? {}).sort();
  if (expected.join() !== found.join()) {
    throw new ImportRefused(
      `The export's tables (${found.join(", ")}) are not this version's (${expected.join(", ")}). ` +
        `Export again with the same version of Vertrekpunt that imports.`,
    );
  }
  for (const table of tables) {
    const exported = data.tables[table.name];
    if (exported.columns.join() !== table.columns.join()) {
      throw new ImportRefused(
        `The export's columns of ${table.name} (${exported.columns.join(", ")}) are not this version's ` +
          `(${table.columns.join(", ")}). Export again with the same version of Vertrekpunt that imports.`,
      );
    }
    const bad = exported.rows.findIndex((row) => !Array.isArray(row) || row.length !== table.columns.length);
    if (bad !== -1)
      throw new ImportRefused(
        `Row ${bad + 1} of ${table.name} in the export does not have ${table.columns.length} values.`,
      );
  }
}

function checkMigrations(data: ExportFile, target: ExportFile["migrations"]): void {
  const name = (list: ExportFile["migrations"]) => {
    const last = list.at(-1);
    return last ? (last.tag ?? last.hash.slice(0, 12)) : "none";
  };
  if (data.migrations.map((m) => m.hash).join() !== target.map((m) => m.hash).join()) {
    throw new ImportRefused(
      `The export was made with a different version of Vertrekpunt (its last migration is ${name(data.migrations)}, ` +
        `this version's is ${name(target)}). Export again with the same version that imports.`,
    );
  }
}

async function verifyTables(
  tx: Pick<Database, "execute">,
  data: ExportFile,
  tables: AppTable[],
): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const table of tables) {
    const expected = data.tables[table.name];
    const { count, checksum } = await readTable(tx, table);
    checks.push({
      table: table.name,
      expectedCount: expected.count,
      count,
      expectedChecksum: expected.checksum,
      checksum,
      ok: count === expected.count && checksum === expected.checksum,
    });
  }
  return checks;
}

/** Compares every table of `db` with the export, without changing anything. */
export async function verifyDatabase(db: Database, data: ExportFile): Promise<ImportResult> {
  const tables = appTables();
  checkTables(data, tables);
  const checks = await db.transaction(
    async (tx) => {
      await useUtc(tx);
      return verifyTables(tx, data, tables);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return { ok: checks.every((check) => check.ok), tables: checks };
}

/**
 * Imports `data` into `db`, which must be migrated to the same version (db/index.ts with
 * `prepare: "migrate-only"`) and empty, unless `replace` is set: then every app table is emptied
 * first, in the same transaction. Throws ImportRefused before changing anything; returns
 * `ok: false` (and has rolled everything back) when the rows read back differ from the export.
 */
export async function importDatabase(
  db: Database,
  data: ExportFile,
  options: { replace?: boolean } = {},
): Promise<ImportResult> {
  const tables = appTables();
  checkTables(data, tables);
  checkMigrations(data, await appliedMigrations(db));

  try {
    const checks = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${PREPARE_LOCK})`);
      await useUtc(tx);

      const nonEmpty: string[] = [];
      for (const table of tables) {
        const [row] = rowsOf<{ n: number }>(
          await tx.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table.name)}`),
        );
        if (row.n > 0) nonEmpty.push(`${table.name}: ${row.n}`);
      }
      if (nonEmpty.length > 0) {
        if (!options.replace) {
          throw new ImportRefused(
            `The target database is not empty (${nonEmpty.join(", ")}). Import into a new, empty database, ` +
              `or pass --replace to delete everything in this one first.`,
          );
        }
        await tx.execute(
          sql`TRUNCATE ${sql.join(
            tables.map((table) => sql.identifier(table.name)),
            sql`, `,
          )} RESTART IDENTITY`,
        );
      }

      for (const table of tables) {
        const rows = parentsFirst(table, data.tables[table.name].rows);
        const name = sql.identifier(table.name);
        const columns = sql.join(
          table.columns.map((column) => sql.identifier(column)),
          sql`, `,
        );
        for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
          const objects = rows
            .slice(start, start + CHUNK_ROWS)
            .map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])));
          // Generated columns are not in the list: the target computes them from the rest.
          await tx.execute(
            sql`INSERT INTO ${name} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${name}, ${JSON.stringify(objects)}::json)`,
          );
        }
        for (const column of table.serialColumns) {
          const id = sql.identifier(column);
          await tx.execute(
            sql`SELECT setval(pg_get_serial_sequence(${table.name}, ${column}), coalesce(max(${id}), 0) + 1, false) FROM ${name}`,
          );
        }
      }

      const checks = await verifyTables(tx, data, tables);
      if (!checks.every((check) => check.ok)) throw new VerificationFailed(checks);
      return checks;
    });
    return { ok: true, tables: checks };
  } catch (error) {
    if (error instanceof VerificationFailed) return { ok: false, tables: error.tables };
    throw error;
  }
}

/**
 * Rows of a table that references itself (a reply and the comment it answers), ordered so
 * that every row comes after the rows it references: foreign keys are checked per INSERT
 * statement, and a table's rows take several statements.
 */
export function parentsFirst(table: AppTable, rows: unknown[][]): unknown[][] {
  if (table.selfReferences.length === 0) return rows;
  const placed = new Set<unknown>();
  const ordered: unknown[][] = [];
  let waiting = rows;
  while (waiting.length > 0) {
    const next: unknown[][] = [];
    for (const row of waiting) {
      const ready = table.selfReferences.every(
        ({ column }) => row[column] === null || placed.has(row[column]),
      );
      if (ready) ordered.push(row);
      else next.push(row);
    }
    if (next.length === waiting.length) return [...ordered, ...next]; // a cycle or a dangling key: let PostgreSQL say which
    for (const row of ordered.slice(ordered.length - (waiting.length - next.length))) {
      for (const { references } of table.selfReferences) placed.add(row[references]);
    }
    waiting = next;
  }
  return ordered;
}
