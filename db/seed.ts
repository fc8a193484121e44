import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { EDITORS, EXAMPLE_STORIES, STARTING_POINTS } from "./seed-data";
import { EXAMPLE_TRANSLATIONS_NL } from "./seed-translations";
import { processSingleton } from "../lib/singleton";

type AnyDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A part of the seed that needs more than db/ may import (the role accounts hash a password). */
export type SeedStep = (db: AnyDb) => Promise<void>;

// On globalThis: Next loads this module once per bundle, and instrumentation.ts registers the
// steps in one bundle while a page's first query may open the database from another.
function seedSteps(): Map<string, SeedStep> {
  return processSingleton("vertrekpunt.seedSteps", () => new Map<string, SeedStep>());
}

/**
 * Adds an idempotent step that every later seed runs after its own parts, at start-up and when the health probe
 * opens a PostgreSQL that was down at start-up. Registering a name again replaces its step.
 */
export function registerSeedStep(name: string, step: SeedStep): void {
  seedSteps().set(name, step);
}

type Gate = { opened: Promise<void>; open: () => void };

function stepsGate(): { current?: Gate } {
  return processSingleton("vertrekpunt.seedStepsGate", () => ({}));
}

/**
 * scripts/server.ts opens the database before Next runs instrumentation.ts, which registers the
 * steps that need more than db/ (the role accounts): from this call until
 * `seedStepsRegistered()`, a seed waits for them rather than running without them.
 */
export function awaitSeedSteps(): void {
  const gate = stepsGate();
  if (gate.current) return;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  gate.current = { opened, open };
}

/** Every seed step is registered: a seed waiting since `awaitSeedSteps()` goes on. */
export function seedStepsRegistered(): void {
  stepsGate().current?.open();
}

/**
 * Idempotent: run after every migration at start-up. Starting point texts follow the code;
 * the example stories are inserted with the Editors account on the first run only, so later
 * edits and deletions made in the app are kept.
 */
export async function seed(db: AnyDb): Promise<void> {
  await seedStartingPointsAndExamples(db);
  await seedExampleTranslations(db);
  // Last, so that the wait for steps not yet registered overlaps with the rest of the seed.
  await stepsGate().current?.opened;
  for (const step of seedSteps().values()) await step(db);
}

async function seedStartingPointsAndExamples(db: AnyDb): Promise<void> {
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
    for (const [index, { slug, startingPoints, ...content }] of EXAMPLE_STORIES.entries()) {
      const publishedAt = new Date(base + index * 24 * 60 * 60 * 1000);
      const inserted = await tx
        .insert(schema.stories)
        .values({
          // Besides its slug and starting points, a SeedStory holds exactly the content fields.
          ...content,
          slug,
          authorId: editors.id,
          status: "published",
          isExample: true,
          publishedAt,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        })
        .returning({ id: schema.stories.id });
      await tx.insert(schema.storyStartingPoints).values(
        startingPoints.map((spSlug) => {
          const startingPointId = spIdBySlug.get(spSlug);
          if (startingPointId === undefined) throw new Error(`Seed: unknown starting point ${spSlug}`);
          return { storyId: inserted[0].id, startingPointId };
        }),
      );
    }
  });
}

/**
 * The examples in Dutch, the language of the blog post they come from (decision 030). At every
 * start, so an installation from before translations gets them too; each only where the example
 * still exists as the Editors' English original and has no Dutch version yet, so nothing is
 * duplicated and nothing an editor changed is overwritten. Servers already running drop their
 * cached pages through `cache_tags` (decision 024).
 */
async function seedExampleTranslations(db: AnyDb): Promise<void> {
  const [editors] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.handle, EDITORS.handle));
  if (!editors) return;
  const examples = await db
    .select({ id: schema.stories.id, slug: schema.stories.slug })
    .from(schema.stories)
    .where(
      and(
        eq(schema.stories.authorId, editors.id),
        eq(schema.stories.isExample, true),
        eq(schema.stories.language, "en"),
        inArray(schema.stories.slug, Object.keys(EXAMPLE_TRANSLATIONS_NL)),
      ),
    );
  await db.transaction(async (tx) => {
    const now = new Date();
    let added = 0;
    for (const example of examples) {
      const text = EXAMPLE_TRANSLATIONS_NL[example.slug];
      const inserted = await tx
        .insert(schema.storyTranslations)
        .values({ storyId: example.id, language: "nl", ...text, version: 1, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ storyId: schema.storyTranslations.storyId });
      if (inserted.length === 0) continue;
      added += 1;
      await tx.insert(schema.storyTranslationRevisions).values({
        storyId: example.id,
        language: "nl",
        version: 1,
        ...text,
        savedById: editors.id,
        savedAt: now,
      });
    }
    if (added > 0) {
      await tx
        .insert(schema.cacheTags)
        .values({ tag: "content", expiredAt: now.getTime() })
        .onConflictDoUpdate({
          target: schema.cacheTags.tag,
          set: { expiredAt: sql`greatest(${schema.cacheTags.expiredAt}, excluded.expired_at)` },
        });
    }
  });
}
