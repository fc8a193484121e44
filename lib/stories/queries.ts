import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { getDb, type Database } from "@/db";
import { startingPoints, stories, storyStartingPoints, users, type Language, type OrganisationType, type StoryStatus } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination/cursor";
import type { StoryInput, StoryIntent } from "./schema";
import { storySlug } from "./slug";

export const STORIES_PAGE_SIZE = 12;

// ------------------------------------------------------------------ listing pieces

/** Only what everyone may see. */
export const published = (): SQL => eq(stories.status, "published");

// Builds subqueries without a database handle.
const qb = new QueryBuilder();

/** Stories tagged with the starting point; combine several for "carries all of them". */
export const withStartingPoint = (slug: string): SQL =>
  inArray(
    stories.id,
    qb
      .select({ storyId: storyStartingPoints.storyId })
      .from(storyStartingPoints)
      .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId))
      .where(eq(startingPoints.slug, slug)),
  );

/** Full-text match in either language's stemming, so a Dutch or English query finds both. */
export const matching = (query: string): SQL =>
  sql`${stories.searchVector} @@ (websearch_to_tsquery('english', ${query}) || websearch_to_tsquery('dutch', ${query}))`;

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

export const inLanguages = (languages: string[]): SQL => inArray(stories.language, languages as Language[]);
export const ofOrganisationTypes = (types: string[]): SQL => inArray(stories.organisationType, types as OrganisationType[]);

export type StoryFilters = {
  startingPoints?: string[];
  q?: string;
  authorId?: string;
  /** Any of these languages. */
  languages?: string[];
  /** Any of these organisation types. */
  organisationTypes?: string[];
};

function filterConditions(filters: StoryFilters): SQL[] {
  const conditions: SQL[] = [published()];
  for (const slug of filters.startingPoints ?? []) conditions.push(withStartingPoint(slug));
  if (filters.q) conditions.push(matching(filters.q));
  if (filters.authorId) conditions.push(byAuthor(filters.authorId));
  if (filters.languages?.length) conditions.push(inLanguages(filters.languages));
  if (filters.organisationTypes?.length) conditions.push(ofOrganisationTypes(filters.organisationTypes));
  return conditions;
}

export type FacetCounts = { startingPoints: Record<string, number>; languages: Record<string, number>; organisationTypes: Record<string, number> };

/**
 * How many stories each filter option would give, with the other filters applied (the usual
 * facet rule: a group does not narrow its own counts, so "any of" options stay visible).
 */
export async function facetCounts(filters: StoryFilters): Promise<FacetCounts> {
  const db = await getDb();
  const [sp, lang, type] = await Promise.all([
    db
      .select({ key: startingPoints.slug, n: count() })
      .from(storyStartingPoints)
      .innerJoin(stories, eq(stories.id, storyStartingPoints.storyId))
      .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId))
      .where(and(...filterConditions(filters)))
      .groupBy(startingPoints.slug),
    db
      .select({ key: stories.language, n: count() })
      .from(stories)
      .where(and(...filterConditions({ ...filters, languages: [] })))
      .groupBy(stories.language),
    db
      .select({ key: stories.organisationType, n: count() })
      .from(stories)
      .where(and(...filterConditions({ ...filters, organisationTypes: [] })))
      .groupBy(stories.organisationType),
  ]);
  const record = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((row) => [row.key, Number(row.n)]));
  return { startingPoints: record(sp), languages: record(lang), organisationTypes: record(type) };
}

/**
 * Published stories, newest first, one keyset page at a time. `after` continues to older
 * stories, `before` goes back to newer ones.
 */
export async function listPublishedStories(params: {
  filters?: StoryFilters;
  after?: string | null;
  before?: string | null;
  limit?: number;
  locale: Locale;
}): Promise<Page<StoryCard>> {
  const db = await getDb();
  const limit = params.limit ?? STORIES_PAGE_SIZE;
  const conditions = filterConditions(params.filters ?? {});
  const after = decodeCursor(params.after);
  const before = after ? null : decodeCursor(params.before);
  if (after) conditions.push(sql`(${stories.publishedAt}, ${stories.id}) < (${after.at.toISOString()}::timestamptz, ${after.id})`);
  if (before) conditions.push(sql`(${stories.publishedAt}, ${stories.id}) > (${before.at.toISOString()}::timestamptz, ${before.id})`);

  const order = before ? [asc(stories.publishedAt), asc(stories.id)] : [desc(stories.publishedAt), desc(stories.id)];
  const rows = await db
    .select(cardColumns)
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit + 1);

  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  if (before) pageRows.reverse();
  const items = toCards(pageRows, await tagsFor(db, pageRows.map((r) => r.id), params.locale));

  const first = items[0];
  const last = items.at(-1);
  const cursorOf = (card: StoryCard) => encodeCursor({ at: card.publishedAt as Date, id: card.id });
  return {
    items,
    newer: first && (after || (before && hasMore)) ? cursorOf(first) : null,
    older: last && (before || (!before && hasMore)) ? cursorOf(last) : null,
  };
}

export async function countPublishedStories(filters: StoryFilters = {}): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(stories).where(and(...filterConditions(filters)));
  return row?.n ?? 0;
}

/** A member's drafts, for their own profile page only. */
export async function listDrafts(params: { authorId: string; locale: Locale }): Promise<StoryCard[]> {
  const db = await getDb();
  const rows = await db
    .select(cardColumns)
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(and(byAuthor(params.authorId), eq(stories.status, "draft")))
    .orderBy(desc(stories.updatedAt))
    .limit(100);
  return toCards(rows, await tagsFor(db, rows.map((r) => r.id), params.locale));
}

// ------------------------------------------------------------------ one story

export type StoryDetail = StoryCard & {
  authorId: string | null;
  body: string;
  trigger: string;
  tools: string[];
  version: number;
  createdAt: Date;
};

export async function getStoryBySlug(slug: string, locale: Locale): Promise<StoryDetail | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      ...cardColumns,
      authorId: stories.authorId,
      body: stories.body,
      trigger: stories.trigger,
      tools: stories.tools,
      version: stories.version,
      createdAt: stories.createdAt,
    })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(eq(stories.slug, slug))
    .limit(1);
  if (!row) return null;
  const [card] = toCards([row], await tagsFor(db, [row.id], locale));
  return { ...card, authorId: row.authorId, body: row.body, trigger: row.trigger, tools: row.tools, version: row.version, createdAt: row.createdAt };
}

/** Just enough to decide permissions, for actions. */
export async function getStoryAccess(storyId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: stories.id, slug: stories.slug, authorId: stories.authorId, status: stories.status })
    .from(stories)
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

export async function createStory(params: { authorId: string; input: StoryInput; intent: StoryIntent }): Promise<{ id: string; slug: string }> {
  const db = await getDb();
  const now = new Date();
  return db.transaction(async (tx) => {
    const spIds = await startingPointIds(tx, params.input.startingPoints);
    const [story] = await tx
      .insert(stories)
      .values({
        ...storyValues(params.input),
        slug: storySlug(params.input.title),
        authorId: params.authorId,
        status: params.intent === "publish" ? "published" : "draft",
        publishedAt: params.intent === "publish" ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: stories.id, slug: stories.slug });
    await tx.insert(storyStartingPoints).values(spIds.map((startingPointId) => ({ storyId: story.id, startingPointId })));
    return story;
  });
}

export type UpdateResult = { ok: true; slug: string } | { ok: false; reason: "conflict" | "not_found" };

/**
 * Saves an edit only if nobody saved another one since the form was opened (`version`), so a
 * second tab can never silently overwrite the first.
 */
export async function updateStory(params: {
  storyId: string;
  expectedVersion: number;
  input: StoryInput;
  intent: StoryIntent;
}): Promise<UpdateResult> {
  const db = await getDb();
  const now = new Date();
  return db.transaction(async (tx) => {
    const spIds = await startingPointIds(tx, params.input.startingPoints);
    const status = params.intent === "publish" ? "published" : "draft";
    const [updated] = await tx
      .update(stories)
      .set({
        ...storyValues(params.input),
        status,
        // The first publication fixes the date; later edits or re-publishing keep it.
        publishedAt: status === "published" ? sql`coalesce(${stories.publishedAt}, ${now.toISOString()}::timestamptz)` : stories.publishedAt,
        updatedAt: now,
        version: sql`${stories.version} + 1`,
      })
      .where(and(eq(stories.id, params.storyId), eq(stories.version, params.expectedVersion)))
      .returning({ slug: stories.slug });
    if (!updated) {
      const [exists] = await tx.select({ id: stories.id }).from(stories).where(eq(stories.id, params.storyId));
      return { ok: false, reason: exists ? "conflict" : "not_found" };
    }
    await tx.delete(storyStartingPoints).where(eq(storyStartingPoints.storyId, params.storyId));
    await tx.insert(storyStartingPoints).values(spIds.map((startingPointId) => ({ storyId: params.storyId, startingPointId })));
    return { ok: true, slug: updated.slug };
  });
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

// Control characters cannot occur in stored text, so they mark matches safely until escaping.
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

/** A short passage of each story around the search words, matches between the markers above. */
export async function searchSnippets(storyIds: string[], query: string): Promise<Map<string, string>> {
  if (storyIds.length === 0 || !query) return new Map();
  const db = await getDb();
  const config = sql`CASE WHEN ${stories.language} = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END`;
  const rows = await db
    .select({
      id: stories.id,
      snippet: sql<string>`ts_headline(${config}, ${stories.body}, websearch_to_tsquery(${config}, ${query}),
        ${`MaxFragments=1, MaxWords=28, MinWords=12, StartSel=${MATCH_START}, StopSel=${MATCH_END}`})`,
    })
    .from(stories)
    .where(inArray(stories.id, storyIds));
  return new Map(rows.map((row) => [row.id, row.snippet]));
}
