import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { eq, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { hashPassword } from "../lib/auth/password";
import * as schema from "./schema";
import { EDITORS, EXAMPLE_STORIES, STARTING_POINTS } from "./seed-data";

type AnyDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * Idempotent: run after every migration at start-up. Starting point texts follow the code;
 * the example stories are inserted with the Editors account on the first run only, so later
 * edits and deletions made in the app are kept.
 */
export async function seed(db: AnyDb): Promise<void> {
  await seedRoleAccount(db, "moderator");
  await seedRoleAccount(db, "admin");
  await db.transaction(async (tx) => {
    for (const sp of STARTING_POINTS) {
      await tx
        .insert(schema.startingPoints)
        .values(sp)
        .onConflictDoUpdate({
          target: schema.startingPoints.slug,
          set: {
            position: sp.position,
            nameEn: sp.nameEn,
            nameNl: sp.nameNl,
            taglineEn: sp.taglineEn,
            taglineNl: sp.taglineNl,
            descriptionEn: sp.descriptionEn,
            descriptionNl: sp.descriptionNl,
          },
        });
    }

    // No password hash: the Editors account publishes the examples but can never sign in.
    // The examples come with the account, once: an example deleted later stays deleted.
    const [editors] = await tx
      .insert(schema.users)
      .values({ name: EDITORS.name, handle: EDITORS.handle, email: EDITORS.email, passwordHash: null })
      .onConflictDoNothing()
      .returning({ id: schema.users.id });
    if (!editors) return;

    const spRows = await tx
      .select({ id: schema.startingPoints.id, slug: schema.startingPoints.slug })
      .from(schema.startingPoints);
    const spIdBySlug = new Map(spRows.map((row) => [row.slug, row.id]));

    // Spread the examples over past days so "newest first" has a stable, meaningful order.
    const base = Date.UTC(2026, 0, 10, 9, 0, 0);
    for (const [index, story] of EXAMPLE_STORIES.entries()) {
      const publishedAt = new Date(base + index * 24 * 60 * 60 * 1000);
      const inserted = await tx
        .insert(schema.stories)
        .values({
          slug: story.slug,
          authorId: editors.id,
          title: story.title,
          organisation: story.organisation,
          organisationType: story.organisationType,
          summary: story.summary,
          body: story.body,
          trigger: story.trigger,
          tools: story.tools,
          language: story.language,
          status: "published",
          isExample: true,
          publishedAt,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        })
        .returning({ id: schema.stories.id });
      await tx.insert(schema.storyStartingPoints).values(
        story.startingPoints.map((slug) => {
          const startingPointId = spIdBySlug.get(slug);
          if (startingPointId === undefined) throw new Error(`Seed: unknown starting point ${slug}`);
          return { storyId: inserted[0].id, startingPointId };
        }),
      );
    }
  });
}

/**
 * SEED_<ROLE>_EMAIL (+ _PASSWORD, _NAME) for ROLE = MODERATOR or ADMIN: an account with that role
 * for demos and end-to-end tests, created at start-up; an existing account gets the role and
 * keeps its password. On a real installation the first account to sign up becomes admin, and
 * admins appoint moderators from /admin.
 */
async function seedRoleAccount(db: AnyDb, role: "moderator" | "admin"): Promise<void> {
  const prefix = `SEED_${role.toUpperCase()}`;
  const email = process.env[`${prefix}_EMAIL`]?.trim().toLowerCase();
  if (!email) return;
  const password = process.env[`${prefix}_PASSWORD`];
  const [existing] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(sql`lower(${schema.users.email})`, email));
  if (existing) {
    await db.update(schema.users).set({ role }).where(eq(schema.users.id, existing.id));
    return;
  }
  if (!password || password.length < 10) {
    throw new Error(`${prefix}_PASSWORD (at least 10 characters) is needed to create the ${role} account.`);
  }
  const name = process.env[`${prefix}_NAME`]?.trim() || (role === "admin" ? "Admin" : "Moderator");
  await db
    .insert(schema.users)
    .values({ name, email, handle: `${role}-${randomUUID().slice(0, 6)}`, passwordHash: await hashPassword(password), role })
    .onConflictDoNothing();
}

// `npm run db:seed`: migrate first is not needed here; it only fills in what is missing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { openDatabase } = await import("./index");
  const handle = await openDatabase();
  await seed(handle.db);
  await handle.close();
  console.log("Seeded starting points and example stories.");
}
