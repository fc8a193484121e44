import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { startingPoints, stories, storyStartingPoints } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { published } from "@/lib/stories/query-pieces";

export type StartingPointSummary = {
  id: number;
  slug: string;
  position: number;
  name: string;
  tagline: string;
  description: string;
  storyCount: number;
};

function localizedColumns(locale: Locale) {
  const nl = locale === "nl";
  return {
    id: startingPoints.id,
    slug: startingPoints.slug,
    position: startingPoints.position,
    name: nl ? startingPoints.nameNl : startingPoints.nameEn,
    tagline: nl ? startingPoints.taglineNl : startingPoints.taglineEn,
    description: nl ? startingPoints.descriptionNl : startingPoints.descriptionEn,
  };
}

/** All starting points in the reader's language, each with its number of published stories. */
export async function listStartingPoints(locale: Locale): Promise<StartingPointSummary[]> {
  const db = await getDb();
  const counts = db
    .select({
      startingPointId: storyStartingPoints.startingPointId,
      stories: sql<number>`count(*)::int`.as("stories"),
    })
    .from(storyStartingPoints)
    .innerJoin(stories, and(eq(stories.id, storyStartingPoints.storyId), published()))
    .groupBy(storyStartingPoints.startingPointId)
    .as("counts");
  const rows = await db
    .select({ ...localizedColumns(locale), storyCount: sql<number>`coalesce(${counts.stories}, 0)::int` })
    .from(startingPoints)
    .leftJoin(counts, eq(counts.startingPointId, startingPoints.id))
    .orderBy(asc(startingPoints.position));
  return rows.map((row) => ({ ...row, storyCount: Number(row.storyCount) }));
}

export async function getStartingPoint(slug: string, locale: Locale): Promise<StartingPointSummary | null> {
  const all = await listStartingPoints(locale);
  return all.find((sp) => sp.slug === slug) ?? null;
}

/** Slugs and names in the reader's language, for choosing a starting point in a form. */
export async function listStartingPointOptions(locale: Locale) {
  const db = await getDb();
  return db
    .select({ slug: startingPoints.slug, name: localizedColumns(locale).name })
    .from(startingPoints)
    .orderBy(asc(startingPoints.position));
}
