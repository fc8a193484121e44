import "server-only";
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { stories, storyTranslations, users } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { decodeKeyset, encodeKeyset, type KeysetCursor, type Page } from "@/lib/pagination/cursor";
import { cardColumns, tagsFor, toCards, type StoryCard } from "./cards";
import {
  byAuthor,
  filterConditions,
  newestMatches,
  published,
  searchQuery,
  type StoryFilters,
} from "./query-pieces";
import { effectiveSort, type StorySortValue } from "./search-params";

export const STORIES_PAGE_SIZE = 12;

// ------------------------------------------------------------------ sort orders

export type StorySort = StorySortValue;

type SortKey = { column: SQL | AnyPgColumn; cast: "timestamptz" | "integer" | "real" };

const publishedKey: SortKey = { column: stories.publishedAt, cast: "timestamptz" };

/** Ranked like the index weights: title above summary and organisation above body. */
const rankOf = (query: string): SQL<number> =>
  sql<number>`greatest(ts_rank(${stories.searchVector}, ${searchQuery(query)}), coalesce((select max(ts_rank(tr.search_vector, ${searchQuery(query)})) from ${storyTranslations} as tr where tr.story_id = ${stories.id}), 0))`;

/**
 * How many of the newest matches a search ranks. ts_rank has to read every candidate's
 * search vector, so ranking all matches of a common word ("team" in half of 100,000 stories)
 * would cost time in proportion to the site. Ranking only the newest matches keeps a search
 * page bounded: the inner query either walks stories_published_idx newest first until it has
 * this many matches (common words) or takes the few matches from the GIN index (rare words),
 * whichever the planner estimates cheaper. Older matches stay reachable sorted by date.
 */
export const RELEVANCE_CANDIDATES = 500;

const amongRecentMatches = (filters: StoryFilters): SQL =>
  newestMatches(filterConditions(filters), RELEVANCE_CANDIDATES);

/** Every sort is descending on its keys, then on id, so ties keep a stable order across pages. */
function sortKeys(sort: StorySort, q: string | undefined): SortKey[] {
  switch (sort) {
    case "discussed":
      return [{ column: stories.commentCount, cast: "integer" }, publishedKey];
    case "recognised":
      return [{ column: stories.recognitionCount, cast: "integer" }, publishedKey];
    case "relevance":
      return [{ column: rankOf(q ?? ""), cast: "real" }, publishedKey];
    default:
      return [publishedKey];
  }
}

function validKeyValue(key: SortKey, value: string | number): boolean {
  if (key.cast === "timestamptz") return typeof value === "string" && !Number.isNaN(Date.parse(value));
  if (key.cast === "integer") return Number.isInteger(value);
  return typeof value === "number";
}

/** A cursor readable for this sort, or null (start from the top). */
export function readStoryCursor(value: string | null | undefined, sort: StorySort): KeysetCursor | null {
  const keys = sortKeys(sort, "");
  const cursor = decodeKeyset(value, sort, keys.length);
  return cursor && cursor.values.every((v, i) => validKeyValue(keys[i], v)) ? cursor : null;
}

/**
 * Published stories in the chosen order, one keyset page at a time. `after` continues down the
 * list, `before` goes back up.
 */
export async function listPublishedStories(params: {
  filters?: StoryFilters;
  sort?: StorySort;
  after?: string | null;
  before?: string | null;
  limit?: number;
  locale: Locale;
}): Promise<Page<StoryCard>> {
  const db = await getDb();
  const limit = params.limit ?? STORIES_PAGE_SIZE;
  const filters = params.filters ?? {};
  const sort = effectiveSort(params.sort, filters.q);
  const keys = sortKeys(sort, filters.q);
  // Ranked results come from the candidates alone, which already meet every filter.
  const conditions = sort === "relevance" ? [amongRecentMatches(filters)] : filterConditions(filters);
  const after = readStoryCursor(params.after, sort);
  const before = after ? null : readStoryCursor(params.before, sort);
  const boundary = after ?? before;
  if (boundary) {
    const columns = sql.join([...keys.map((key) => key.column), stories.id], sql`, `);
    const values = sql.join(
      [...keys.map((key, i) => sql`${boundary.values[i]}::${sql.raw(key.cast)}`), sql`${boundary.id}`],
      sql`, `,
    );
    conditions.push(after ? sql`(${columns}) < (${values})` : sql`(${columns}) > (${values})`);
  }

  // NULLS LAST (and its mirror) matches the indexes, so the database reads them in order.
  const order = [...keys.map((key) => key.column), stories.id].map((column) =>
    before ? sql`${column} ASC NULLS FIRST` : sql`${column} DESC NULLS LAST`,
  );
  const sortValues = sql<(string | number)[]>`json_build_array(${sql.join(
    keys.map((key) => key.column),
    sql`, `,
  )})`;
  const rows = await db
    .select({ ...cardColumns, sortValues })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit + 1);

  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  if (before) pageRows.reverse();
  const items = toCards(
    pageRows,
    await tagsFor(
      db,
      pageRows.map((r) => r.id),
      params.locale,
    ),
  );

  const cursorOf = (index: number) =>
    encodeKeyset({ sort, values: pageRows[index].sortValues, id: pageRows[index].id });
  const last = pageRows.length - 1;
  return {
    items,
    newer: last >= 0 && (after || (before && hasMore)) ? cursorOf(0) : null,
    older: last >= 0 && (before || (!before && hasMore)) ? cursorOf(last) : null,
  };
}

/**
 * How many published stories match. Exact counting reads every match (an index-only scan of
 * stories_published_idx when unfiltered: time grows with the site). With `cap`, it stops after
 * cap + 1 matches, so a page can show "1,000+" at a bounded cost; a result above `cap` means
 * "more than cap".
 */
export async function countPublishedStories(
  filters: StoryFilters = {},
  options: { cap?: number } = {},
): Promise<number> {
  const db = await getDb();
  if (options.cap !== undefined) {
    const matches = db
      .select({ one: sql`1`.as("one") })
      .from(stories)
      .where(and(...filterConditions(filters)))
      .limit(options.cap + 1)
      .as("matches");
    const [row] = await db.select({ n: count() }).from(matches);
    return row?.n ?? 0;
  }
  const [row] = await db
    .select({ n: count() })
    .from(stories)
    .where(and(...filterConditions(filters)));
  return row?.n ?? 0;
}

/** A member's unpublished stories (drafts, waiting for approval, hidden), for their own profile page only. */
export async function listDrafts(params: { authorId: string; locale: Locale }): Promise<StoryCard[]> {
  const db = await getDb();
  const rows = await db
    .select(cardColumns)
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(and(byAuthor(params.authorId), inArray(stories.status, ["draft", "pending", "hidden"])))
    .orderBy(desc(stories.updatedAt))
    .limit(100);
  return toCards(
    rows,
    await tagsFor(
      db,
      rows.map((r) => r.id),
      params.locale,
    ),
  );
}

/** Bodies for a page of cards, in one query (feeds show the whole story). */
export async function storyBodies(storyIds: string[]): Promise<Map<string, string>> {
  if (storyIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: stories.id, body: stories.body })
    .from(stories)
    .where(inArray(stories.id, storyIds));
  return new Map(rows.map((row) => [row.id, row.body]));
}

/** Addresses of published stories for the sitemap (its format allows 50,000 per file). */
export async function sitemapStories(limit = 50_000): Promise<{ slug: string; updatedAt: Date }[]> {
  const db = await getDb();
  return db
    .select({ slug: stories.slug, updatedAt: stories.updatedAt })
    .from(stories)
    .where(published())
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(limit);
}
