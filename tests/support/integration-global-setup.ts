import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db";
import { withDatabaseName } from "./database-url";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string | null;
    databaseTemplate: string | null;
  }
}

export const TEMPLATE_DATABASE = "vertrekpunt_test_template";

/*
 * Migrate once per run, then every test file starts from a copy: a PGlite data-dir snapshot
 * in embedded mode, a template database with PostgreSQL. Migrating per file would cost
 * seconds each.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const { Client } = await import("pg");
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    const handle = await openDatabase({
      prepare: true,
      databaseUrl: withDatabaseName(databaseUrl, TEMPLATE_DATABASE),
    });
    await handle.close();
    project.provide("databaseTemplate", TEMPLATE_DATABASE);
    project.provide("pgliteSnapshot", null);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
      await admin.end();
    };
  }

  const dir = mkdtempSync(path.join(tmpdir(), "vertrekpunt-test-"));
  const handle = await openDatabase({ prepare: true, dataDir: path.join(dir, "pglite") });
  const { PGlite } = await import("@electric-sql/pglite");
  await handle.close();
  // The migrated data dir, dumped once: every test file loads this snapshot.
  const client = await PGlite.create({ dataDir: path.join(dir, "pglite") });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const snapshot = path.join(dir, "snapshot.tar");
  writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteSnapshot", snapshot);
  project.provide("databaseTemplate", null);
  return () => rmSync(dir, { recursive: true, force: true });
}
