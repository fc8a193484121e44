import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { startingPoints, stories, storyStartingPoints } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { coOccurrenceMatrix } from "@/lib/model/statistics";
import { published } from "@/lib/stories/query-pieces";

export type ModelCounts = {
  startingPoints: { slug: string; name: string; position: number }[];
  /** counts[i][j]: published stories with both; the diagonal: stories with that starting point. */
  counts: number[][];
  /** Published stories with at least one starting point. */
  stories: number;
};

/** What the model embed shows: the co-occurrence of the authors' tags on published stories. */
export async function modelCounts(locale: Locale): Promise<ModelCounts> {
  const db = await getDb();
  const [spRows, tags] = await Promise.all([
    db
      .select({
        slug: startingPoints.slug,
        name: locale === "nl" ? startingPoints.nameNl : startingPoints.nameEn,
        position: startingPoints.position,
      })
      .from(startingPoints)
      .orderBy(asc(startingPoints.position)),
    db
      .select({ storyId: storyStartingPoints.storyId, slug: startingPoints.slug })
      .from(storyStartingPoints)
      .innerJoin(stories, and(eq(stories.id, storyStartingPoints.storyId), published()))
      .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId)),
  ]);
  const byStory = new Map<string, string[]>();
  for (const { storyId, slug } of tags) byStory.set(storyId, [...(byStory.get(storyId) ?? []), slug]);
  const tagged = [...byStory.values()].map((authorTags) => ({ authorTags }));
  return {
    startingPoints: spRows,
    counts: coOccurrenceMatrix(
      spRows.map((sp) => sp.slug),
      tagged,
    ),
    stories: tagged.length,
  };
}
