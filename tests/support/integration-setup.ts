import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, openDatabase, useDatabase, type Database } from "../../db";
import * as schema from "../../db/schema";
import { withDatabaseName } from "./database-url";

/** Each test file gets its own fresh, migrated and seeded database. */
beforeAll(async () => {
  const template = inject("databaseTemplate");
  const snapshot = inject("pgliteSnapshot");
  const databaseUrl = process.env.DATABASE_URL;

  if (template && databaseUrl) {
    const { Client } = await import("pg");
    const name = `vertrekpunt_test_${randomBytes(6).toString("hex")}`;
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const handle = await openDatabase({ databaseUrl: withDatabaseName(databaseUrl, name) });
    useDatabase({
      ...handle,
      close: async () => {
        await handle.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    });
    return;
  }

  if (!snapshot) throw new Error("The integration global setup provided no database snapshot.");
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(snapshot)]) });
  useDatabase({
    db: drizzle(client, { schema }) as unknown as Database,
    kind: "pglite",
    close: () => client.close(),
  });
});

afterAll(async () => {
  await closeDb();
});
