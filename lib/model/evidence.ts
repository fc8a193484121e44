import "server-only";
import { and, asc, count, countDistinct, eq } from "drizzle-orm";
import { getDb } from "@/db";
import {
  organisationRecognitions,
  startingPoints,
  stories,
  storyRecognitions,
  storyStartingPoints,
} from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { published } from "@/lib/stories/query-pieces";
import type { StoryEvidence } from "./statistics";
import { startingPointName } from "@/lib/stories/cards";

export type StartingPointEvidence = {
  slug: string;
  name: string;
  position: number;
  taggedStories: number;
  readerRecognitions: number;
  organisationRecognitions: number;
};

/** Live figures per starting point, and per published story the data the statistics need. */
export async function modelEvidence(
  locale: Locale,
): Promise<{ startingPoints: StartingPointEvidence[]; stories: (StoryEvidence & { storyId: string })[] }> {
  const db = await getDb();
  const [spRows, tags, recognitionRows, readerRows, orgRows] = await Promise.all([
    db
      .select({
        id: startingPoints.id,
        slug: startingPoints.slug,
        name: startingPointName(locale),
        position: startingPoints.position,
      })
      .from(startingPoints)
      .orderBy(asc(startingPoints.position)),
    db
      .select({ storyId: storyStartingPoints.storyId, slug: startingPoints.slug })
      .from(storyStartingPoints)
      .innerJoin(stories, and(eq(stories.id, storyStartingPoints.storyId), published()))
      .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId)),
    db
      .select({ storyId: storyRecognitions.storyId, slug: startingPoints.slug, readers: count() })
      .from(storyRecognitions)
      .innerJoin(stories, and(eq(stories.id, storyRecognitions.storyId), published()))
      .innerJoin(startingPoints, eq(startingPoints.id, storyRecognitions.startingPointId))
      .groupBy(storyRecognitions.storyId, startingPoints.slug),
    db
      .select({ storyId: storyRecognitions.storyId, readers: countDistinct(storyRecognitions.userId) })
      .from(storyRecognitions)
      .innerJoin(stories, and(eq(stories.id, storyRecognitions.storyId), published()))
      .groupBy(storyRecognitions.storyId),
    db
      .select({ id: organisationRecognitions.startingPointId, n: count() })
      .from(organisationRecognitions)
      .groupBy(organisationRecognitions.startingPointId),
  ]);

  const byStory = new Map<string, StoryEvidence & { storyId: string }>();
  const story = (storyId: string) => {
    let entry = byStory.get(storyId);
    if (!entry) byStory.set(storyId, (entry = { storyId, authorTags: [], recognitions: {}, readers: 0 }));
    return entry;
  };
  for (const row of tags) story(row.storyId).authorTags.push(row.slug);
  for (const row of recognitionRows) story(row.storyId).recognitions[row.slug] = Number(row.readers);
  for (const row of readerRows) story(row.storyId).readers = Number(row.readers);

  const tagged = new Map<string, number>();
  const recognised = new Map<string, number>();
  for (const row of tags) tagged.set(row.slug, (tagged.get(row.slug) ?? 0) + 1);
  for (const row of recognitionRows)
    recognised.set(row.slug, (recognised.get(row.slug) ?? 0) + Number(row.readers));
  const orgCounts = new Map(orgRows.map((row) => [row.id, Number(row.n)]));

  return {
    startingPoints: spRows.map((sp) => ({
      slug: sp.slug,
      name: sp.name,
      position: sp.position,
      taggedStories: tagged.get(sp.slug) ?? 0,
      readerRecognitions: recognised.get(sp.slug) ?? 0,
      organisationRecognitions: orgCounts.get(sp.id) ?? 0,
    })),
    stories: [...byStory.values()],
  };
}
