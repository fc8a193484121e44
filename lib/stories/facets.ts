import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { startingPoints, stories, storyStartingPoints, storyTranslations, users } from "@/db/schema";
import { filterConditions, newestMatches, type StoryFilters } from "./query-pieces";

/** Where pages stop counting: a total above it shows as "1,000+", facets count among that many. */
export const COUNT_CAP = 1000;

export const TOOL_FACET_SIZE = 12;
export const AUTHOR_FACET_SIZE = 8;

/** Chosen options sort first, so they stay in a facet list cut to the most frequent ones. */
const chosenFirst = (column: SQL, values: string[] | undefined): SQL[] =>
  values?.length ? [desc(sql`(${inArray(column, values)})`)] : [];

export type FacetCounts = {
  startingPoints: Record<string, number>;
  languages: Record<string, number>;
  organisationTypes: Record<string, number>;
  /** The most used tools, most stories first. */
  tools: { value: string; count: number }[];
  /** The most writing members, most stories first. */
  authors: { handle: string; name: string; count: number }[];
  /** Stories per year of publication, newest year first. */
  years: { year: number; count: number }[];
};

/**
 * How many stories each filter option would give, with the other filters applied. A group of
 * "any of" options does not narrow its own counts (the usual facet rule), so its other options
 * stay visible; starting points in "all of" mode do, since each one narrows further.
 */
export async function facetCounts(
  filters: StoryFilters,
  options: { sample?: number } = {},
): Promise<FacetCounts> {
  const db = await getDb();
  // Exact counts read every match of every group (seconds at 100,000 stories). With `sample`,
  // each group counts only among its newest `sample` matches: bounded, and exact whenever
  // there are no more matches than that (pair it with a capped total, "1,000+").
  const groupConditions = (group: StoryFilters): SQL[] =>
    options.sample === undefined
      ? filterConditions(group)
      : [newestMatches(filterConditions(group), options.sample)];
  const spFilters = filters.startingPointMode === "any" ? { ...filters, startingPoints: [] } : filters;
  const year = sql<number>`extract(year from ${stories.publishedAt} at time zone 'UTC')::int`;
  const tool = sql<string>`t.tool`;
  const [sp, lang, type, tools, authors, years] = await Promise.all([
    db
      .select({ key: startingPoints.slug, n: count() })
      .from(storyStartingPoints)
      .innerJoin(stories, eq(stories.id, storyStartingPoints.storyId))
      .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId))
      .where(and(...groupConditions(spFilters)))
      .groupBy(startingPoints.slug),
    // A story counts under each language it can be read in: its own and its translations'.
    db
      .select({ key: sql<string>`readable.language`, n: count() })
      .from(stories)
      .innerJoin(
        sql`lateral (select ${stories.language}::text as language union select tr.language::text from ${storyTranslations} as tr where tr.story_id = ${stories.id}) as readable`,
        sql`true`,
      )
      .where(and(...groupConditions({ ...filters, languages: [] })))
      .groupBy(sql`readable.language`),
    db
      .select({ key: stories.organisationType, n: count() })
      .from(stories)
      .where(and(...groupConditions({ ...filters, organisationTypes: [] })))
      .groupBy(stories.organisationType),
    db
      .select({ value: tool, n: count() })
      .from(stories)
      .innerJoin(sql`unnest(${stories.tools}) AS t(tool)`, sql`true`)
      .where(and(...groupConditions({ ...filters, tools: [] })))
      .groupBy(tool)
      .orderBy(...chosenFirst(tool, filters.tools), desc(count()), asc(tool))
      .limit(TOOL_FACET_SIZE + (filters.tools?.length ?? 0)),
    db
      .select({ handle: users.handle, name: users.name, n: count() })
      .from(stories)
      .innerJoin(users, eq(users.id, stories.authorId))
      .where(and(...groupConditions({ ...filters, authors: [] })))
      .groupBy(users.handle, users.name)
      .orderBy(...chosenFirst(sql`${users.handle}`, filters.authors), desc(count()), asc(users.handle))
      .limit(AUTHOR_FACET_SIZE + (filters.authors?.length ?? 0)),
    db
      .select({ year, n: count() })
      .from(stories)
      .where(and(...groupConditions({ ...filters, from: undefined, to: undefined })))
      .groupBy(year)
      .orderBy(desc(year)),
  ]);
  const record = (rows: { key: string; n: number }[]) =>
    Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));
  return {
    startingPoints: record(sp),
    languages: record(lang),
    organisationTypes: record(type),
    tools: tools.map((row) => ({ value: row.value, count: Number(row.n) })),
    authors: authors
      .filter((row) => row.handle)
      .map((row) => ({
        handle: row.handle as string,
        name: row.name ?? row.handle ?? "",
        count: Number(row.n),
      })),
    years: years.map((row) => ({ year: Number(row.year), count: Number(row.n) })),
  };
}
