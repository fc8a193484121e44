import "server-only";
import { inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { stories, storyTranslations } from "@/db/schema";
import { searchQuery } from "./query-pieces";

// Matches are marked with two control characters until escaping (lib/stories/highlight.ts). A
// member can type them too, so they are taken out of the text before the passage is cut: in the
// passage they can only be the markers.
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";
const withoutMarkers = (text: SQL | AnyPgColumn) => sql`translate(${text}, ${MATCH_START + MATCH_END}, '')`;

/** A short passage of each story around the search words, matches between the markers above. */
export async function searchSnippets(storyIds: string[], query: string): Promise<Map<string, string>> {
  if (storyIds.length === 0 || !query) return new Map();
  const db = await getDb();
  const config = sql`CASE WHEN ${stories.language} = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END`;
  const trConfig = sql`CASE WHEN tr.language = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END`;
  const options = `MaxFragments=1, MaxWords=28, MinWords=12, StartSel=${MATCH_START}, StopSel=${MATCH_END}`;
  const original = sql`ts_headline(${config}, ${withoutMarkers(stories.body)}, websearch_to_tsquery(${config}, ${query}), ${options})`;
  const rows = await db
    .select({
      id: stories.id,
      // From the version the words were found in: a match only in the translation shows the translation's passage.
      snippet: sql<string>`CASE WHEN ${stories.searchVector} @@ ${searchQuery(query)} THEN ${original} ELSE coalesce((select ts_headline(${trConfig}, ${withoutMarkers(sql`tr.body`)}, websearch_to_tsquery(${trConfig}, ${query}), ${options}) from ${storyTranslations} as tr where tr.story_id = ${stories.id} and tr.search_vector @@ ${searchQuery(query)} limit 1), ${original}) END`,
    })
    .from(stories)
    .where(inArray(stories.id, storyIds));
  return new Map(rows.map((row) => [row.id, row.snippet]));
}
