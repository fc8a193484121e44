import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Database } from "@/db";
import { rowsOf } from "@/lib/data-transfer/export";
import { awaitSeedSteps, registerSeedStep, seed, seedStepsRegistered } from "@/db/seed";

// Wrapped, not replaced: the test sees whether db/index.ts asked for the template and what it got.
vi.mock("@/db/pglite-template", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/db/pglite-template")>();
  return { ...original, readPgliteTemplate: vi.fn(original.readPgliteTemplate) };
});
// The setup file loaded db/index.ts before the mock: these are loaded again, with it.
vi.resetModules();
const { openDatabase } = await import("@/db");
const template = await import("@/db/pglite-template");
const readTemplate = vi.mocked(template.readPgliteTemplate);

/** What a migrated and seeded database holds, as far as the template could change it. */
async function contents(db: Database) {
  const rows = async (query: ReturnType<typeof sql>) => rowsOf<unknown>(await db.execute(query));
  return {
    tables: await rows(sql`
      SELECT table_schema, table_name FROM information_schema.tables
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`),
    migrations: await rows(sql`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id`),
    database: await rows(sql`
      SELECT pg_encoding_to_char(encoding) AS encoding, datcollate, datctype FROM pg_database
      WHERE datname = current_database()`),
    counts: await rows(sql`
      SELECT (SELECT count(*) FROM starting_points) AS starting_points,
             (SELECT count(*) FROM users) AS users,
             (SELECT count(*) FROM stories) AS stories,
             (SELECT count(*) FROM story_translations) AS translations`),
    startingPoints: await rows(sql`SELECT slug, name_en FROM starting_points ORDER BY slug`),
  };
}

describe.skipIf(Boolean(process.env.DATABASE_URL))("the embedded database's template", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vertrekpunt-template-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    // What `npm start` does after a build; the file is kept in .next/cache for later runs.
    if (!existsSync(template.pgliteTemplatePath())) await template.writePgliteTemplate();
  }, 120_000);

  it("starts a new folder from the template, migrated and seeded like one initdb made", async () => {
    readTemplate.mockClear();
    const fromTemplate = await openDatabase({ prepare: true, dataDir: path.join(dir, "template") });
    expect(readTemplate).toHaveBeenCalledTimes(1);
    expect(await readTemplate.mock.results[0].value).toBeInstanceOf(Blob);

    readTemplate.mockResolvedValueOnce(undefined);
    const fromInitdb = await openDatabase({ prepare: true, dataDir: path.join(dir, "initdb") });
    try {
      const expected = await contents(fromInitdb.db);
      expect(expected.tables.length).toBeGreaterThan(10);
      expect(expected.counts).toEqual([expect.objectContaining({ starting_points: expect.anything() })]);
      expect(await contents(fromTemplate.db)).toEqual(expected);
    } finally {
      await fromTemplate.close();
      await fromInitdb.close();
    }
  }, 120_000);

  it("reopens an existing folder without the template", async () => {
    readTemplate.mockClear();
    const reopened = await openDatabase({ prepare: true, dataDir: path.join(dir, "template") });
    try {
      expect(readTemplate).not.toHaveBeenCalled();
      const [{ users }] = rowsOf<{ users: number }>(
        await reopened.db.execute(sql`SELECT count(*)::int AS users FROM users`),
      );
      expect(users).toBeGreaterThan(0);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});

describe("seed steps registered after the database started opening", () => {
  it("a seed waits for them from awaitSeedSteps() until seedStepsRegistered()", async () => {
    const db = await getDb();
    const ran: string[] = [];
    awaitSeedSteps();
    const seeding = seed(db).then(() => ran.push("seed"));
    // Long enough for the rest of the seed, which does not wait.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ran).toEqual([]);
    registerSeedStep("test step", async () => void ran.push("step"));
    seedStepsRegistered();
    await seeding;
    expect(ran).toEqual(["step", "seed"]);
    registerSeedStep("test step", async () => undefined);
  });
});
