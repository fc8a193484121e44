import "server-only";
import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { is, sql, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { migrationsFolder, type Database } from "@/db";
import * as schema from "@/db/schema";

/*
 * The whole database as one portable file (`npm run db:export`), loaded into PostgreSQL by
 * `npm run db:import` (./import.ts). Every table of db/schema.ts, parents before children, rows
 * in primary-key order as JSON arrays that PostgreSQL itself renders (timestamps in UTC with
 * microseconds, jsonb as JSON, text[] as arrays). Generated columns are left out: the target
 * computes them again. See docs/decisions/018-export-import.md.
 */

export const EXPORT_FORMAT = "vertrekpunt-export";
export const EXPORT_VERSION = 1;

export type ExportedTable = {
  columns: string[];
  rows: unknown[][];
  count: number;
  /** sha256 (hex) over the rows as PostgreSQL renders them, one per line, in primary-key order. */
  checksum: string;
};

export type ExportedMigration = { tag: string | null; hash: string; createdAt: number };

export type ExportFile = {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  migrations: ExportedMigration[];
  tables: Record<string, ExportedTable>;
};

export type AppTable = {
  name: string;
  table: PgTable;
  /** Columns that are exported and inserted: all but the generated ones. */
  columns: string[];
  /** Primary-key columns, for a stable row order. */
  orderBy: SQL[];
  /** Serial columns, whose sequences must follow the imported rows. */
  serialColumns: string[];
  /** Tables this one references by foreign key. */
  parents: string[];
  /** Foreign keys to this same table (a reply's parent comment), as column positions in `columns`. */
  selfReferences: { column: number; references: number }[];
};

/**
 * Every table of db/schema.ts, each after the tables it references, so inserting in this
 * order never breaks a foreign key. Ties go by table name, so the order is stable.
 */
export function appTables(): AppTable[] {
  const all = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table): AppTable => {
      const config = getTableConfig(table);
      // A composite key holds stand-ins for the columns: look the real ones up by name.
      const keyNames = config.primaryKeys[0]?.columns.map((column) => column.name);
      const primaryKey = config.columns.filter((column) =>
        keyNames ? keyNames.includes(column.name) : column.primary,
      );
      if (primaryKey.length === 0)
        throw new Error(`Table ${config.name} has no primary key: its rows have no stable order.`);
      const exported = config.columns
        .filter((column) => !column.generated && !column.generatedIdentity)
        .map((column) => column.name);
      return {
        name: config.name,
        table,
        columns: exported,
        // Text in byte order: the same on every server, whatever its default collation.
        orderBy: primaryKey.map((column) =>
          /^(text|varchar|char)/.test(column.getSQLType())
            ? sql`${sql.identifier(column.name)} COLLATE "C"`
            : sql`${sql.identifier(column.name)}`,
        ),
        serialColumns: config.columns
          .filter((column) => /serial$/.test(column.getSQLType()))
          .map((column) => column.name),
        parents: [
          ...new Set(config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name)),
        ].filter((parent) => parent !== config.name),
        selfReferences: config.foreignKeys
          .map((fk) => fk.reference())
          .filter(
            (reference) =>
              getTableConfig(reference.foreignTable).name === config.name && reference.columns.length === 1,
          )
          .map((reference) => ({
            column: exported.indexOf(reference.columns[0].name),
            references: exported.indexOf(reference.foreignColumns[0].name),
          })),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const ordered: AppTable[] = [];
  const placed = new Set<string>();
  while (ordered.length < all.length) {
    const next = all.find((t) => !placed.has(t.name) && t.parents.every((parent) => placed.has(parent)));
    if (!next) throw new Error("The foreign keys of db/schema.ts form a cycle; no insert order exists.");
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

type Executor = Pick<Database, "execute">;

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/**
 * One table's rows, each as the text of a JSON array, in primary-key order, with their count
 * and checksum. Run inside a transaction with `TimeZone` set to UTC (see `utcTransaction`), so
 * timestamps read the same on every server.
 */
export async function readTable(
  db: Executor,
  table: AppTable,
): Promise<{ texts: string[]; count: number; checksum: string }> {
  const columns = sql.join(
    table.columns.map((column) => sql.identifier(column)),
    sql`, `,
  );
  const result = await db.execute(
    sql`SELECT json_build_array(${columns})::text AS r FROM ${sql.identifier(table.name)} ORDER BY ${sql.join(table.orderBy, sql`, `)}`,
  );
  const texts = rowsOf<{ r: string }>(result).map((row) => row.r);
  const hash = createHash("sha256");
  for (const text of texts) hash.update(`${text}\n`);
  return { texts, count: texts.length, checksum: hash.digest("hex") };
}

/** Sets the session time zone to UTC for the rest of the transaction. */
export async function useUtc(db: Executor): Promise<void> {
  await db.execute(sql`SET LOCAL TimeZone = 'UTC'`);
}

/** The migrations drizzle recorded as applied, oldest first, with their tags from the journal. */
export async function appliedMigrations(db: Executor): Promise<ExportedMigration[]> {
  const result = await db.execute(
    sql`SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id`,
  );
  const journal = JSON.parse(
    await readFile(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8"),
  ) as {
    entries: { tag: string; when: number }[];
  };
  return rowsOf<{ hash: string; created_at: string | number }>(result).map((row) => {
    const createdAt = Number(row.created_at);
    return {
      tag: journal.entries.find((entry) => entry.when === createdAt)?.tag ?? null,
      hash: row.hash,
      createdAt,
    };
  });
}

/** Reads every table in one consistent snapshot. */
export async function exportDatabase(db: Database): Promise<ExportFile> {
  const tables = appTables();
  return db.transaction(
    async (tx) => {
      await useUtc(tx);
      const exported: Record<string, ExportedTable> = {};
      for (const table of tables) {
        const { texts, count, checksum } = await readTable(tx, table);
        exported[table.name] = {
          columns: table.columns,
          rows: texts.map((text) => JSON.parse(text) as unknown[]),
          count,
          checksum,
        };
      }
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: new Date().toISOString(),
        migrations: await appliedMigrations(tx),
        tables: exported,
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Writes the export gzip'd; through a temporary file, so an interrupted run leaves no half file. */
export async function writeExportFile(file: string, data: ExportFile): Promise<void> {
  const temporary = `${file}.partial`;
  await writeFile(temporary, gzipSync(Buffer.from(JSON.stringify(data), "utf8")));
  await rename(temporary, file);
}

export async function readExportFile(file: string): Promise<ExportFile> {
  const data = JSON.parse(gunzipSync(await readFile(file)).toString("utf8")) as Partial<ExportFile> | null;
  if (data?.format !== EXPORT_FORMAT)
    throw new Error(`${file} is not a Vertrekpunt export (no "format": "${EXPORT_FORMAT}").`);
  if (data.version !== EXPORT_VERSION) {
    throw new Error(
      `${file} is export format version ${String(data.version)}; this version of Vertrekpunt reads version ${EXPORT_VERSION}.`,
    );
  }
  return data as ExportFile;
}

/** A plain-text table: one row per line, columns padded to their widest cell. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}
