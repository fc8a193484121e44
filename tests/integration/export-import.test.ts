import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, migrationsFolder, openDatabase, type Database, type DatabaseHandle } from "@/db";
import { notifications, startingPoints, stories, users } from "@/db/schema";
import { createComment, softDeleteComment } from "@/lib/comments/queries";
import {
  appTables,
  exportDatabase,
  readExportFile,
  rowsOf,
  writeExportFile,
  type ExportFile,
} from "@/lib/data-transfer/export";
import { importDatabase, ImportRefused, verifyDatabase } from "@/lib/data-transfer/import";
import {
  createProposal,
  createProposalComment,
  decideProposal,
  setProposalSupport,
} from "@/lib/model/proposals";
import {
  saveOrganisationRecognition,
  setStoryRecognition,
  startingPointIdBySlug,
} from "@/lib/model/recognition";
import { createReport } from "@/lib/moderation/reports";
import { decide } from "@/lib/moderation/decisions";
import { setSetting } from "@/lib/admin/settings";
import { createStory } from "@/lib/stories/writes";
import { newMember } from "../support/members";
import { withDatabaseName } from "../support/database-url";
import { storyInput } from "../support/story-input";

const dir = mkdtempSync(path.join(tmpdir(), "vertrekpunt-export-"));
const exportPath = path.join(dir, "export.json.gz");
const PUBLISHED_AT = "2025-03-04 05:06:07.123456";
const NOTICE_DATA = {
  story: "Zeppelin",
  nested: { list: [1, 2.5, "drie", null, true], empty: {} },
  text: 'Quote " backslash \\ é ✓ \n',
};

let source: Database;
let target: DatabaseHandle;
let data: ExportFile;
let zeppelinId: string;

/** A migrated database without the seed: a temporary PGlite, or a new PostgreSQL database in DATABASE_URL mode. */
async function openEmptyDatabase(): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return openDatabase({ dataDir: path.join(dir, "target"), prepare: "migrate-only" });
  const { Client } = await import("pg");
  const name = `vertrekpunt_import_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const handle = await openDatabase({
    databaseUrl: withDatabaseName(databaseUrl, name),
    prepare: "migrate-only",
  });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function query<T>(db: Database, statement: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

async function rowCount(db: Database, table: string): Promise<number> {
  const [row] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return row.n;
}

const member = (name: string) => newMember(name, { prefix: "export" });

beforeAll(async () => {
  source = await getDb();
  const [author, reader, moderator] = [
    await member("Export Author"),
    await member("Export Reader"),
    await newMember("Export Moderator", { prefix: "export", role: "moderator" }),
  ];

  const zeppelin = await createStory({
    authorId: author.id,
    input: storyInput({
      title: "Zeppelin crews share logbooks",
      body: "Airship crews started sharing their logbooks in a wiki, and the hangar learned faster than ever before.",
      tools: ["Wiki", "Yammer", 'Tool with "quotes", commas'],
      startingPoints: ["improving-work-practice", "using-knowledge"],
    }),
    intent: "publish",
  });
  zeppelinId = zeppelin.id;
  await source
    .update(stories)
    .set({ publishedAt: sql`${PUBLISHED_AT}::timestamptz` })
    .where(eq(stories.id, zeppelin.id));
  await createStory({
    authorId: author.id,
    input: storyInput({
      title: "Fietsenmakers delen kennis",
      language: "nl",
      body: "Fietsenmakers in de regio delen hun kennis over reparaties via een gedeeld kanaal.",
    }),
    intent: "publish",
  });
  await createStory({ authorId: author.id, input: storyInput({ title: "A draft" }), intent: "draft" });

  await createComment({ storyId: zeppelin.id, authorId: reader.id, body: "Great story" });
  const removed = await createComment({ storyId: zeppelin.id, authorId: reader.id, body: "Removed later" });
  await softDeleteComment(removed.id);

  const usingKnowledge = (await startingPointIdBySlug("using-knowledge")) as number;
  await setStoryRecognition({
    storyId: zeppelin.id,
    userId: reader.id,
    startingPointId: usingKnowledge,
    recognised: true,
  });
  await saveOrganisationRecognition({ startingPointId: usingKnowledge, userId: reader.id, note: "Our wiki" });

  // Accepting a proposal adds a starting point through the serial sequence.
  const proposal = await createProposal({
    proposerId: reader.id,
    name: "Playing",
    explanation: "Games at work",
    storySlugs: [zeppelin.slug],
  });
  await setProposalSupport({ proposalId: proposal.id, userId: author.id, supported: true });
  await createProposalComment({ proposalId: proposal.id, authorId: author.id, body: "Yes" });
  await decideProposal({
    proposalId: proposal.id,
    moderatorId: moderator.id,
    decision: "accept",
    nameEn: "Playing",
    nameNl: "Spelen",
    descriptionEn: "Learning by playing.",
    descriptionNl: "Leren door te spelen.",
    reason: "",
  });

  await createReport({
    targetType: "story",
    targetId: zeppelin.id,
    reporterId: reader.id,
    reason: "spam",
    note: "",
  });
  await decide({
    actorId: moderator.id,
    targetType: "story",
    targetId: zeppelin.id,
    decision: "warn",
    reason: "Mind the rules",
  });
  await setSetting({ actorId: moderator.id, key: "approveNewMembersStories", value: true });
  await source.insert(notifications).values({ userId: author.id, kind: "test", data: NOTICE_DATA });

  await writeExportFile(exportPath, await exportDatabase(source));
  data = await readExportFile(exportPath);
});

afterAll(async () => {
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("export", () => {
  it("covers every table and column of the database, parents before children, without generated columns", async () => {
    const tables = appTables();
    const names = tables.map((table) => table.name);
    const inDatabase = await query<{ table_name: string }>(
      source,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect([...names].sort()).toEqual(inDatabase.map((row) => row.table_name).sort());

    const foreignKeys = await query<{ child: string; parent: string }>(
      source,
      sql`SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f'`,
    );
    expect(foreignKeys.length).toBeGreaterThan(10);
    for (const fk of foreignKeys.filter((key) => key.parent !== key.child)) {
      expect(names.indexOf(fk.parent), `${fk.parent} before ${fk.child}`).toBeLessThan(
        names.indexOf(fk.child),
      );
    }
    // A table that references itself (a reply and its comment) orders its own rows: lib/data-transfer/import.test.ts.
    expect(foreignKeys.filter((key) => key.parent === key.child).map((key) => key.child)).toEqual([
      "comments",
      "comments",
    ]);

    const columns = await query<{ table_name: string; column_name: string; is_generated: string }>(
      source,
      sql`SELECT table_name, column_name, is_generated FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const table of tables) {
      const expected = columns
        .filter((c) => c.table_name === table.name && c.is_generated === "NEVER")
        .map((c) => c.column_name);
      expect([...table.columns].sort(), table.name).toEqual(expected.sort());
    }
    expect(tables.find((table) => table.name === "stories")?.columns).not.toContain("search_vector");
  });

  it("writes one gzip'd JSON file with the migrations, columns, rows, counts and checksums", () => {
    const raw = JSON.parse(gunzipSync(readFileSync(exportPath)).toString("utf8")) as ExportFile;
    expect(raw).toMatchObject({ format: "vertrekpunt-export", version: 1 });
    const journal = JSON.parse(
      readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8"),
    ) as { entries: { tag: string }[] };
    expect(raw.migrations.map((m) => m.tag)).toEqual(journal.entries.map((entry) => entry.tag));
    expect(Object.keys(raw.tables)).toEqual(appTables().map((table) => table.name));
    for (const table of Object.values(raw.tables)) {
      expect(table.count).toBe(table.rows.length);
      expect(table.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
    const storyTable = raw.tables.stories;
    const zeppelin = storyTable.rows.find(
      (row) => row[storyTable.columns.indexOf("id")] === zeppelinId,
    ) as unknown[];
    expect(zeppelin[storyTable.columns.indexOf("published_at")]).toBe("2025-03-04T05:06:07.123456+00:00");
    expect(zeppelin[storyTable.columns.indexOf("tools")]).toEqual([
      "Wiki",
      "Yammer",
      'Tool with "quotes", commas',
    ]);
    expect(raw.tables.users.count).toBeGreaterThanOrEqual(4);
    expect(raw.tables.starting_points.count).toBe(5);
  });
});

describe("import", () => {
  // Its own hook: migrating a new PGlite takes seconds on a busy machine.
  beforeAll(async () => {
    target = await openEmptyDatabase();
  });

  it("rolls back and reports a mismatch when a value in the file was changed", async () => {
    const tampered = structuredClone(data);
    const storyTable = tampered.tables.stories;
    const row = storyTable.rows.find((r) => r[storyTable.columns.indexOf("id")] === zeppelinId) as unknown[];
    row[storyTable.columns.indexOf("title")] = "Zeppelin crews share logbooks!";

    const result = await importDatabase(target.db, tampered);
    expect(result.ok).toBe(false);
    expect(result.tables.filter((check) => !check.ok).map((check) => check.table)).toEqual(["stories"]);
    expect(await rowCount(target.db, "users")).toBe(0);
    expect(await rowCount(target.db, "stories")).toBe(0);
  });

  it("loads every row into an empty database, with equal counts and checksums", async () => {
    const result = await importDatabase(target.db, data);
    expect(result.tables.filter((check) => !check.ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.tables.map((check) => check.table)).toEqual(Object.keys(data.tables));
    for (const check of result.tables) expect(check.count, check.table).toBe(data.tables[check.table].count);
    // Read again after the commit, and against the source.
    expect((await verifyDatabase(target.db, data)).ok).toBe(true);
    expect((await verifyDatabase(source, data)).ok).toBe(true);
  });

  it("keeps microseconds, arrays, jsonb, soft deletes and the full-text index", async () => {
    const db = target.db;
    const [story] = await query<{ published_at: string; tools: string[] }>(
      db,
      sql`SELECT to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS published_at, tools FROM stories WHERE id = ${zeppelinId}`,
    );
    expect(story.published_at).toBe(PUBLISHED_AT);
    expect(story.tools).toEqual(["Wiki", "Yammer", 'Tool with "quotes", commas']);

    const [notice] = await db
      .select({ data: notifications.data })
      .from(notifications)
      .where(eq(notifications.kind, "test"));
    expect(notice.data).toEqual(NOTICE_DATA);
    const [audit] = await query<{ after: unknown }>(
      db,
      sql`SELECT "after" FROM moderation_actions WHERE action = 'set_setting'`,
    );
    expect(audit.after).toEqual({ value: true });
    const deleted = await query<{ body: string }>(
      db,
      sql`SELECT body FROM comments WHERE deleted_at IS NOT NULL`,
    );
    expect(deleted.map((c) => c.body)).toEqual(["Removed later"]);

    // search_vector is generated again by the target, the same as in the source.
    const vectors = sql`SELECT id, search_vector::text AS v FROM stories ORDER BY id COLLATE "C"`;
    expect(await query(db, vectors)).toEqual(await query(source, vectors));
    const found = await query<{ title: string }>(
      db,
      sql`SELECT title FROM stories WHERE search_vector @@ websearch_to_tsquery('english', 'logbook')`,
    );
    expect(found.map((s) => s.title)).toEqual(["Zeppelin crews share logbooks"]);
    const gevonden = await query<{ title: string }>(
      db,
      sql`SELECT title FROM stories WHERE search_vector @@ websearch_to_tsquery('dutch', 'fietsenmakers kennis')`,
    );
    expect(gevonden.map((s) => s.title)).toEqual(["Fietsenmakers delen kennis"]);

    // The serial sequence continues after the imported ids.
    const [added] = await db
      .insert(startingPoints)
      .values({
        slug: "after-import",
        position: 99,
        nameEn: "x",
        nameNl: "x",
        taglineEn: "x",
        taglineNl: "x",
        descriptionEn: "x",
        descriptionNl: "x",
      })
      .returning({ id: startingPoints.id });
    expect(added.id).toBe(6);
    await db.delete(startingPoints).where(eq(startingPoints.id, added.id));
  });

  it("refuses a database that holds rows, unless asked to replace them", async () => {
    await expect(importDatabase(target.db, data)).rejects.toThrow(ImportRefused);
    await expect(importDatabase(target.db, data)).rejects.toThrow(/not empty \(.*users: \d+.*--replace/);
    await target.db.insert(users).values({ name: "Extra", email: "extra@example.org", handle: "extra" });

    const replaced = await importDatabase(target.db, data, { replace: true });
    expect(replaced.ok).toBe(true);
    expect(await query(target.db, sql`SELECT 1 FROM users WHERE handle = 'extra'`)).toEqual([]);
  });

  it("refuses an export of another version", async () => {
    const older = structuredClone(data);
    older.migrations = older.migrations.slice(0, -1);
    await expect(importDatabase(target.db, older, { replace: true })).rejects.toThrow(/different version/);
    const renamed = structuredClone(data);
    renamed.tables.stories.columns = [...renamed.tables.stories.columns.slice(0, -1), "other"];
    await expect(importDatabase(target.db, renamed, { replace: true })).rejects.toThrow(/columns of stories/);
  });
});
