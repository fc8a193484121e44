import "server-only";
import { and, arrayOverlaps, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { QueryBuilder, type AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb, type Database } from "@/db";
import { startingPoints, stories, storyRevisions, storyStartingPoints, storyTranslations, users, type Language, type Role, type OrganisationType, type StoryStatus } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { decodeKeyset, encodeKeyset, type KeysetCursor, type Page } from "@/lib/pagination/cursor";
import type { StoryInput, StoryIntent } from "./schema";
import { effectiveSort, type StorySortValue } from "./search-params";
import { storySlug } from "./slug";
import { once } from "@/lib/idempotency";
import { announceFirstPublication, notifyStoryPublished } from "@/lib/notifications/events";

export const STORIES_PAGE_SIZE = 12;

// ------------------------------------------------------------------ listing pieces

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
const searchQuery = (query: string): SQL => sql`(websearch_to_tsquery('english', ${query}) || websearch_to_tsquery('dutch', ${query}))`;

/** Full-text match in the story or in one of its translations (decision 030), each indexed in its own language. */
export const matching = (query: string): SQL =>
  sql`(${stories.searchVector} @@ ${searchQuery(query)} or exists (select 1 from ${storyTranslations} as tr where tr.story_id = ${stories.id} and tr.search_vector @@ ${searchQuery(query)}))`;

export const byAuthor = (authorId: string): SQL => eq(stories.authorId, authorId);


// ------------------------------------------------------------------ shapes sent to pages

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

const cardColumns = {
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

function startingPointName(locale: Locale) {
  return locale === "nl" ? startingPoints.nameNl : startingPoints.nameEn;
}

/** Tags for many stories in one query (no query per card). */
async function tagsFor(db: Database, storyIds: string[], locale: Locale): Promise<Map<string, StartingPointTag[]>> {
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

function toCards(rows: Array<Record<keyof typeof cardColumns, unknown>>, tags: Map<string, StartingPointTag[]>): StoryCard[] {
  return rows.map((row) => {
    const { authorName, authorHandle, ...story } = row as unknown as Omit<StoryCard, "author" | "startingPoints"> & {
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

/** Stories that can be read in any of these languages: written in it, or translated into it (decision 030). */
export const inLanguages = (languages: string[]): SQL =>
  sql`(${inArray(stories.language, languages as Language[])} or exists (select 1 from ${storyTranslations} as tr where tr.story_id = ${stories.id} and ${inArray(sql`tr.language`, languages)}))`;
export const ofOrganisationTypes = (types: string[]): SQL => inArray(stories.organisationType, types as OrganisationType[]);

/** Stories that name any of these tools (exactly as written). */
export const usingAnyTool = (tools: string[]): SQL => arrayOverlaps(stories.tools, tools);

/** Stories by any of these members, by handle. */
export const byAnyAuthor = (handles: string[]): SQL =>
  inArray(stories.authorId, qb.select({ id: users.id }).from(users).where(inArray(users.handle, handles)));

/** Published on or after the day (YYYY-MM-DD, UTC). */
export const publishedFrom = (day: string): SQL => gte(stories.publishedAt, new Date(`${day}T00:00:00Z`));

/** Published on or before the day (YYYY-MM-DD, UTC), the whole day included. */
export const publishedUntil = (day: string): SQL => lt(stories.publishedAt, new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000));

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

function filterConditions(filters: StoryFilters): SQL[] {
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
function newestMatches(conditions: SQL[], limit: number): SQL {
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

/** Where pages stop counting: a total above it shows as "1,000+", facets count among that many. */
export const COUNT_CAP = 1000;

export const TOOL_FACET_SIZE = 12;
export const AUTHOR_FACET_SIZE = 8;

/** Chosen options sort first, so they stay in a facet list cut to the most frequent ones. */
const chosenFirst = (column: SQL, values: string[] | undefined): SQL[] => (values?.length ? [desc(sql`(${inArray(column, values)})`)] : []);

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
export async function facetCounts(filters: StoryFilters, options: { sample?: number } = {}): Promise<FacetCounts> {
  const db = await getDb();
  // Exact counts read every match of every group (seconds at 100,000 stories). With `sample`,
  // each group counts only among its newest `sample` matches: bounded, and exact whenever
  // there are no more matches than that (pair it with a capped total, "1,000+").
  const groupConditions = (group: StoryFilters): SQL[] =>
    options.sample === undefined ? filterConditions(group) : [newestMatches(filterConditions(group), options.sample)];
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
  const record = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));
  return {
    startingPoints: record(sp),
    languages: record(lang),
    organisationTypes: record(type),
    tools: tools.map((row) => ({ value: row.value, count: Number(row.n) })),
    authors: authors.filter((row) => row.handle).map((row) => ({ handle: row.handle as string, name: row.name ?? row.handle ?? "", count: Number(row.n) })),
    years: years.map((row) => ({ year: Number(row.year), count: Number(row.n) })),
  };
}

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

const amongRecentMatches = (filters: StoryFilters): SQL => newestMatches(filterConditions(filters), RELEVANCE_CANDIDATES);

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
  const sortValues = sql<(string | number)[]>`json_build_array(${sql.join(keys.map((key) => key.column), sql`, `)})`;
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
  const items = toCards(pageRows, await tagsFor(db, pageRows.map((r) => r.id), params.locale));

  const cursorOf = (index: number) => encodeKeyset({ sort, values: pageRows[index].sortValues, id: pageRows[index].id });
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
export async function countPublishedStories(filters: StoryFilters = {}, options: { cap?: number } = {}): Promise<number> {
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
  const [row] = await db.select({ n: count() }).from(stories).where(and(...filterConditions(filters)));
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
  return toCards(rows, await tagsFor(db, rows.map((r) => r.id), params.locale));
}

// ------------------------------------------------------------------ one story

export type StoryDetail = StoryCard & {
  authorId: string | null;
  /** Decides which staff may act on the story (lib/auth/permissions.ts); null for a former member. */
  authorRole: Role | null;
  body: string;
  trigger: string;
  tools: string[];
  version: number;
  createdAt: Date;
  /** The last saved edit after publication ("Edited …"); null if never edited. */
  editedAt: Date | null;
  /** Why moderators hid the story or sent it back; for its author and moderators only. */
  moderationReason: string;
};

export async function getStoryBySlug(slug: string, locale: Locale): Promise<StoryDetail | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      ...cardColumns,
      authorId: stories.authorId,
      authorRole: users.role,
      body: stories.body,
      trigger: stories.trigger,
      tools: stories.tools,
      version: stories.version,
      createdAt: stories.createdAt,
      editedAt: stories.editedAt,
      moderationReason: stories.moderationReason,
    })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(eq(stories.slug, slug))
    .limit(1);
  if (!row) return null;
  const [card] = toCards([row], await tagsFor(db, [row.id], locale));
  return {
    ...card,
    authorId: row.authorId,
    authorRole: row.authorRole,
    body: row.body,
    trigger: row.trigger,
    tools: row.tools,
    version: row.version,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    moderationReason: row.moderationReason,
  };
}

/** Just enough to decide permissions, for actions. */
export async function getStoryAccess(storyId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: stories.id, slug: stories.slug, authorId: stories.authorId, authorRole: users.role, status: stories.status })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(eq(stories.id, storyId))
    .limit(1);
  return row ?? null;
}

// ------------------------------------------------------------------ writes

export class UnknownStartingPointError extends Error {
  constructor(public readonly slugs: string[]) {
    super(`Unknown starting point: ${slugs.join(", ")}`);
  }
}

async function startingPointIds(db: Database, slugs: string[]): Promise<number[]> {
  const rows = await db
    .select({ id: startingPoints.id, slug: startingPoints.slug })
    .from(startingPoints)
    .where(inArray(startingPoints.slug, slugs));
  const missing = slugs.filter((slug) => !rows.some((row) => row.slug === slug));
  if (missing.length > 0) throw new UnknownStartingPointError(missing);
  return rows.map((row) => row.id);
}

function storyValues(input: StoryInput) {
  return {
    title: input.title,
    organisation: input.organisation,
    organisationType: input.organisationType,
    summary: input.summary,
    body: input.body,
    trigger: input.trigger,
    tools: input.tools,
    language: input.language,
  };
}

/** "pending" when the author's stories wait for a moderator's approval (see lib/moderation). */
export type PublishAs = "published" | "pending";

export async function createStory(params: {
  authorId: string;
  input: StoryInput;
  intent: StoryIntent;
  publishAs?: PublishAs;
  /** The form's key: a second submission of the same form returns the first story. */
  idempotencyKey?: string | null;
}): Promise<{ id: string; slug: string }> {
  const db = await getDb();
  const now = new Date();
  const ref = params.idempotencyKey ? { userId: params.authorId, key: params.idempotencyKey, scope: "story.create" } : null;
  return db.transaction(async (tx) => {
    const { result } = await once(tx, ref, async () => {
      const spIds = await startingPointIds(tx, params.input.startingPoints);
      const [story] = await tx
        .insert(stories)
        .values({
          ...storyValues(params.input),
          slug: storySlug(params.input.title),
          authorId: params.authorId,
          status: params.intent === "publish" ? (params.publishAs ?? "published") : "draft",
          publishedAt: params.intent === "publish" && params.publishAs !== "pending" ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: stories.id, slug: stories.slug });
      // A draft may have no starting point yet (lib/stories/schema.ts, storyDraftSchema).
      if (spIds.length > 0) await tx.insert(storyStartingPoints).values(spIds.map((startingPointId) => ({ storyId: story.id, startingPointId })));
      await notifyStoryPublished(tx, story.id);
      return story;
    });
    return result;
  });
}

// ------------------------------------------------------------------ edits and their history

export type UpdateResult = { ok: true; slug: string } | { ok: false; reason: "conflict" | "not_found" };

/** Text that readers have seen (or moderators hid after they did): edits of it are kept as history. */
function keepsHistory(status: StoryStatus): boolean {
  return status === "published" || status === "hidden";
}

/**
 * The one way a story's content changes (an edit, or a restore of an old version), inside the
 * caller's transaction.
 *
 * Concurrency: the row is locked and its version compared with the one the person started
 * from. Of two saves from the same version exactly one passes; the other waits for the lock,
 * then sees the bumped version and is refused without writing anything (the unique index on
 * story_revisions (story_id, version) would refuse a second revision anyway).
 *
 * History: a revision row holds the content of one version, who saved that version and when.
 * The story row does not record who saved its current text, so the row of a version is written
 * when that version is saved, as long as the story is published or hidden afterwards (draft
 * edits are nobody's business but the author's). Before the edit, the version being replaced
 * is copied too if no row holds it yet: the first edit after publication, whose text its
 * author wrote, so it is credited to the author. The newest row of an edited published story
 * is therefore its current text.
 */
async function saveStoryContent(
  tx: Database,
  params: {
    storyId: string;
    expectedVersion: number;
    input: StoryInput;
    /** The status after the save, given the status before it. */
    nextStatus: (current: StoryStatus) => StoryStatus;
    /** Publish now: sets the publication date unless the story has one. */
    publish: boolean;
    editorId: string | null;
  },
): Promise<UpdateResult & { title?: string }> {
  const [current] = await tx
    .select({
      slug: stories.slug,
      authorId: stories.authorId,
      status: stories.status,
      version: stories.version,
      publishedAt: stories.publishedAt,
      updatedAt: stories.updatedAt,
      editedAt: stories.editedAt,
      ...storyContentColumns,
    })
    .from(stories)
    .where(eq(stories.id, params.storyId))
    .for("update");
  if (!current) return { ok: false, reason: "not_found" };
  if (current.version !== params.expectedVersion) return { ok: false, reason: "conflict" };

  const spIds = await startingPointIds(tx, params.input.startingPoints);
  const now = new Date();
  const status = params.nextStatus(current.status);
  const version = current.version + 1;

  if (keepsHistory(current.status)) {
    const slugs = await startingPointSlugs(tx, params.storyId);
    await tx
      .insert(storyRevisions)
      .values({
        storyId: params.storyId,
        version: current.version,
        ...pickContent(current),
        startingPoints: slugs,
        savedById: current.authorId,
        savedAt: current.updatedAt,
      })
      .onConflictDoNothing();
  }

  await tx
    .update(stories)
    .set({
      ...storyValues(params.input),
      status,
      // The first publication fixes the date; later edits or re-publishing keep it.
      publishedAt: params.publish ? (current.publishedAt ?? now) : current.publishedAt,
      // "Edited" means: the text changed after readers could see it.
      editedAt: keepsHistory(current.status) || (keepsHistory(status) && current.publishedAt) ? now : current.editedAt,
      updatedAt: now,
      version,
    })
    // The lock already guarantees it; the version check keeps that true should the lock go.
    .where(and(eq(stories.id, params.storyId), eq(stories.version, current.version)));
  await tx.delete(storyStartingPoints).where(eq(storyStartingPoints.storyId, params.storyId));
  if (spIds.length > 0) await tx.insert(storyStartingPoints).values(spIds.map((startingPointId) => ({ storyId: params.storyId, startingPointId })));

  if (keepsHistory(status)) {
    await tx.insert(storyRevisions).values({
      storyId: params.storyId,
      version,
      ...storyValues(params.input),
      startingPoints: params.input.startingPoints,
      savedById: params.editorId ?? current.authorId,
      savedAt: now,
    });
  }
  return { ok: true, slug: current.slug, title: params.input.title };
}

const storyContentColumns = {
  title: stories.title,
  organisation: stories.organisation,
  organisationType: stories.organisationType,
  summary: stories.summary,
  body: stories.body,
  trigger: stories.trigger,
  tools: stories.tools,
  language: stories.language,
};

function pickContent<T extends { [K in keyof typeof storyContentColumns]: unknown }>(row: T) {
  const { title, organisation, organisationType, summary, body, trigger, tools, language } = row;
  return { title, organisation, organisationType, summary, body, trigger, tools, language } as Pick<T, keyof typeof storyContentColumns>;
}

/** The story's starting points as slugs, in model order. */
async function startingPointSlugs(db: Database, storyId: string): Promise<string[]> {
  const rows = await db
    .select({ slug: startingPoints.slug })
    .from(storyStartingPoints)
    .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId))
    .where(eq(storyStartingPoints.storyId, storyId))
    .orderBy(asc(startingPoints.position));
  return rows.map((row) => row.slug);
}

/**
 * Saves an edit only if nobody saved another one since the form was opened (`version`), so a
 * second tab can never silently overwrite the first. `editorId` is who saves (the author when
 * not given); it is recorded in the story's history.
 */
export async function updateStory(params: {
  storyId: string;
  expectedVersion: number;
  input: StoryInput;
  intent: StoryIntent;
  publishAs?: PublishAs;
  editorId?: string | null;
}): Promise<UpdateResult> {
  const db = await getDb();
  const publishAs = params.publishAs ?? "published";
  return db.transaction(async (tx) => {
    const announce = await announceFirstPublication(tx, params.storyId);
    const result = await saveStoryContent(tx, {
      storyId: params.storyId,
      expectedVersion: params.expectedVersion,
      input: params.input,
      // A hidden story stays hidden whatever its author does; a published one stays published.
      nextStatus: (status) =>
        params.intent === "publish" ? (keepsHistory(status) ? status : publishAs) : status === "hidden" ? "hidden" : "draft",
      publish: params.intent === "publish" && publishAs === "published",
      editorId: params.editorId ?? null,
    });
    if (result.ok) await announce();
    return result.ok ? { ok: true, slug: result.slug } : result;
  });
}

export type RestoreResult = { ok: true; slug: string; title: string } | { ok: false; reason: "conflict" | "not_found" };

/**
 * Makes an old version's content current again: a new edit (new version, new revision), so
 * the versions in between stay in the history and the restore itself can be undone. The
 * story's status does not change.
 */
export async function restoreRevision(params: {
  storyId: string;
  version: number;
  expectedVersion: number;
  editorId: string;
}): Promise<RestoreResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [revision] = await tx
      .select({ ...revisionContentColumns })
      .from(storyRevisions)
      .where(and(eq(storyRevisions.storyId, params.storyId), eq(storyRevisions.version, params.version)));
    if (!revision) return { ok: false, reason: "not_found" } as const;
    const result = await saveStoryContent(tx, {
      storyId: params.storyId,
      expectedVersion: params.expectedVersion,
      input: revision,
      nextStatus: (status) => status,
      publish: false,
      editorId: params.editorId,
    });
    return result.ok ? { ok: true, slug: result.slug, title: revision.title } : result;
  });
}

const revisionContentColumns = {
  title: storyRevisions.title,
  organisation: storyRevisions.organisation,
  organisationType: storyRevisions.organisationType,
  summary: storyRevisions.summary,
  body: storyRevisions.body,
  trigger: storyRevisions.trigger,
  tools: storyRevisions.tools,
  language: storyRevisions.language,
  startingPoints: storyRevisions.startingPoints,
};

export type HistoryEntry = {
  version: number;
  savedAt: Date;
  /** Null for a former member. */
  savedBy: { name: string; handle: string } | null;
  current: boolean;
};

/**
 * A story's versions, newest first: the current one, then every kept revision. A current
 * version without a row of its own (never edited since publication, or a draft again) is
 * listed from the story itself, credited to its author.
 */
export async function storyHistory(story: {
  id: string;
  version: number;
  updatedAt: Date;
  author: { name: string; handle: string } | null;
}): Promise<HistoryEntry[]> {
  const db = await getDb();
  const rows = await db
    .select({ version: storyRevisions.version, savedAt: storyRevisions.savedAt, name: users.name, handle: users.handle })
    .from(storyRevisions)
    .leftJoin(users, eq(users.id, storyRevisions.savedById))
    .where(eq(storyRevisions.storyId, story.id))
    .orderBy(desc(storyRevisions.version));
  const entries: HistoryEntry[] = rows.map((row) => ({
    version: row.version,
    savedAt: row.savedAt,
    savedBy: row.name && row.handle ? { name: row.name, handle: row.handle } : null,
    current: row.version === story.version,
  }));
  if (entries[0]?.version !== story.version) {
    entries.unshift({ version: story.version, savedAt: story.updatedAt, savedBy: story.author, current: true });
  }
  return entries;
}

/** One kept version's content (starting points as slugs), or null. */
export async function getRevision(storyId: string, version: number) {
  const db = await getDb();
  const [row] = await db
    .select({ version: storyRevisions.version, ...revisionContentColumns })
    .from(storyRevisions)
    .where(and(eq(storyRevisions.storyId, storyId), eq(storyRevisions.version, version)))
    .limit(1);
  return row ?? null;
}

/** The story's version now, to tell someone whose save was refused which version they saw. */
export async function currentStoryVersion(storyId: string): Promise<number | null> {
  const db = await getDb();
  const [row] = await db.select({ version: stories.version }).from(stories).where(eq(stories.id, storyId)).limit(1);
  return row?.version ?? null;
}

export async function deleteStory(storyId: string): Promise<void> {
  const db = await getDb();
  await db.delete(stories).where(eq(stories.id, storyId));
}

/** Bodies for a page of cards, in one query (feeds show the whole story). */
export async function storyBodies(storyIds: string[]): Promise<Map<string, string>> {
  if (storyIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db.select({ id: stories.id, body: stories.body }).from(stories).where(inArray(stories.id, storyIds));
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
