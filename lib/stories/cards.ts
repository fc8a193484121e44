import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db";
import { startingPoints, stories, storyStartingPoints, users, type StoryStatus } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";

/*
 * A story as a card: the shape listings and pages receive, the columns it is read from, and its
 * starting point tags read for a whole page at once.
 */

export type StartingPointTag = { slug: string; name: string; position: number };

export type StoryCard = {
  id: string;
  slug: string;
  title: string;
  organisation: string;
  organisationType: string;
  summary: string;
  language: string;
  status: StoryStatus;
  isExample: boolean;
  publishedAt: Date | null;
  updatedAt: Date;
  commentCount: number;
  recognitionCount: number;
  author: { name: string; handle: string } | null;
  startingPoints: StartingPointTag[];
};

export const cardColumns = {
  id: stories.id,
  slug: stories.slug,
  title: stories.title,
  organisation: stories.organisation,
  organisationType: stories.organisationType,
  summary: stories.summary,
  language: stories.language,
  status: stories.status,
  isExample: stories.isExample,
  publishedAt: stories.publishedAt,
  updatedAt: stories.updatedAt,
  commentCount: stories.commentCount,
  recognitionCount: stories.recognitionCount,
  authorName: users.name,
  authorHandle: users.handle,
};

export function startingPointName(locale: Locale) {
  return locale === "nl" ? startingPoints.nameNl : startingPoints.nameEn;
}

/** Tags for many stories in one query (no query per card). */
export async function tagsFor(
  db: Database,
  storyIds: string[],
  locale: Locale,
): Promise<Map<string, StartingPointTag[]>> {
  const tags = new Map<string, StartingPointTag[]>(storyIds.map((id) => [id, []]));
  if (storyIds.length === 0) return tags;
  const rows = await db
    .select({
      storyId: storyStartingPoints.storyId,
      slug: startingPoints.slug,
      name: startingPointName(locale),
      position: startingPoints.position,
    })
    .from(storyStartingPoints)
    .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId))
    .where(inArray(storyStartingPoints.storyId, storyIds))
    .orderBy(asc(startingPoints.position));
  for (const { storyId, ...tag } of rows) tags.get(storyId)?.push(tag);
  return tags;
}

export function toCards(
  rows: Array<Record<keyof typeof cardColumns, unknown>>,
  tags: Map<string, StartingPointTag[]>,
): StoryCard[] {
  return rows.map((row) => {
    const { authorName, authorHandle, ...story } = row as unknown as Omit<
      StoryCard,
      "author" | "startingPoints"
    > & {
      authorName: string | null;
      authorHandle: string | null;
    };
    return {
      ...story,
      author: authorName && authorHandle ? { name: authorName, handle: authorHandle } : null,
      startingPoints: tags.get(story.id) ?? [],
    };
  });
}
