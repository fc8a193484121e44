import "server-only";
import { and, arrayOverlaps, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import {
  startingPoints,
  stories,
  storyStartingPoints,
  storyTranslations,
  users,
  type Language,
  type OrganisationType,
} from "@/db/schema";

/*
 * The small named conditions every story query is built from (decision 005): a listing, a count,
 * a facet or another domain's query says "published()" or "withStartingPoint(slug)" and combines
 * them with and(). No database handle here: these build SQL only.
 */

/** Only what everyone may see. */
export const published = (): SQL => eq(stories.status, "published");

// Builds subqueries without a database handle.
const qb = new QueryBuilder();

/**
 * Stories tagged with any of the starting points. A correlated EXISTS on the story's own tags,
 * with the starting points' ids looked up once: a listing then walks stories_published_idx
 * newest first and checks each story's tags by primary key until the page is full. (An IN over
 * all tagged stories made the planner gather and sort every story of a common starting point:
 * 400 ms at 100,000 stories, against under 1 ms.)
 */
export const withAnyStartingPoint = (slugs: string[]): SQL =>
  sql`exists (select 1 from ${storyStartingPoints} as tagged where tagged.story_id = ${stories.id} and tagged.starting_point_id = any (array(${qb
    .select({ id: startingPoints.id })
    .from(startingPoints)
    .where(inArray(startingPoints.slug, slugs))})))`;

/** Stories tagged with the starting point; combine several for "carries all of them". */
export const withStartingPoint = (slug: string): SQL => withAnyStartingPoint([slug]);

/** The words of a search in either language's stemming, so a Dutch or English query finds both. */
export const searchQuery = (query: string): SQL =>
  sql`(websearch_to_tsquery('english', ${query}) || websearch_to_tsquery('dutch', ${query}))`;

/** Full-text match in the story or in one of its translations (decision 030), each indexed in its own language. */
export const matching = (query: string): SQL =>
  sql`(${stories.searchVector} @@ ${searchQuery(query)} or exists (select 1 from ${storyTranslations} as tr where tr.story_id = ${stories.id} and tr.search_vector @@ ${searchQuery(query)}))`;

export const byAuthor = (authorId: string): SQL => eq(stories.authorId, authorId);

/** Stories that can be read in any of these languages: written in it, or translated into it (decision 030). */
export const inLanguages = (languages: string[]): SQL =>
  sql`(${inArray(stories.language, languages as Language[])} or exists (select 1 from ${storyTranslations} as tr where tr.story_id = ${stories.id} and ${inArray(sql`tr.language`, languages)}))`;
export const ofOrganisationTypes = (types: string[]): SQL =>
  inArray(stories.organisationType, types as OrganisationType[]);

/** Stories that name any of these tools (exactly as written). */
export const usingAnyTool = (tools: string[]): SQL => arrayOverlaps(stories.tools, tools);

/** Stories by any of these members, by handle. */
export const byAnyAuthor = (handles: string[]): SQL =>
  inArray(stories.authorId, qb.select({ id: users.id }).from(users).where(inArray(users.handle, handles)));

/** Published on or after the day (YYYY-MM-DD, UTC). */
export const publishedFrom = (day: string): SQL => gte(stories.publishedAt, new Date(`${day}T00:00:00Z`));

/** Published on or before the day (YYYY-MM-DD, UTC), the whole day included. */
export const publishedUntil = (day: string): SQL =>
  lt(stories.publishedAt, new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000));

export type StoryFilters = {
  startingPoints?: string[];
  /** "all" (the default): carries every starting point given; "any": carries at least one. */
  startingPointMode?: "all" | "any";
  q?: string;
  authorId?: string;
  /** Any of these members, by handle. */
  authors?: string[];
  /** Any of these languages. */
  languages?: string[];
  /** Any of these organisation types. */
  organisationTypes?: string[];
  /** Any of these tools. */
  tools?: string[];
  /** Published on or after this day, YYYY-MM-DD. */
  from?: string;
  /** Published on or before this day, YYYY-MM-DD. */
  to?: string;
};

export function filterConditions(filters: StoryFilters): SQL[] {
  const conditions: SQL[] = [published()];
  const slugs = filters.startingPoints ?? [];
  if (filters.startingPointMode === "any" && slugs.length > 0) conditions.push(withAnyStartingPoint(slugs));
  else for (const slug of slugs) conditions.push(withStartingPoint(slug));
  if (filters.q) conditions.push(matching(filters.q));
  if (filters.authorId) conditions.push(byAuthor(filters.authorId));
  if (filters.authors?.length) conditions.push(byAnyAuthor(filters.authors));
  if (filters.languages?.length) conditions.push(inLanguages(filters.languages));
  if (filters.organisationTypes?.length) conditions.push(ofOrganisationTypes(filters.organisationTypes));
  if (filters.tools?.length) conditions.push(usingAnyTool(filters.tools));
  if (filters.from) conditions.push(publishedFrom(filters.from));
  if (filters.to) conditions.push(publishedUntil(filters.to));
  return conditions;
}

/**
 * The newest `limit` published stories meeting the conditions, as a condition on stories.id.
 * The planner reads them either by walking stories_published_idx newest first until it has
 * enough, or from the other indexes when the conditions are selective: bounded either way.
 */
export function newestMatches(conditions: SQL[], limit: number): SQL {
  return inArray(
    stories.id,
    qb
      .select({ id: stories.id })
      .from(stories)
      .where(and(...conditions))
      .orderBy(sql`${stories.publishedAt} DESC NULLS LAST`, sql`${stories.id} DESC NULLS LAST`)
      .limit(limit),
  );
}
