import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { storySuggestions } from "@/db/schema";
import { CACHE_TAGS } from "@/lib/cache/tags";
import { cacheClock, processTagStore } from "@/lib/cache/tag-store";
import type { Locale } from "@/lib/i18n/locales";
import { errorFields, log } from "@/lib/log";
import { processSingleton } from "@/lib/singleton";
import {
  buildIndex,
  crossValidate,
  EVIDENCE_WORDS,
  related,
  suggest,
  suggested,
  type EvaluationResult,
  type LabelledDocument,
  type TermIndex,
} from "./neighbours";

/*
 * Suggested starting points and related stories (decision 026). PostgreSQL's text search stems
 * every text in its own language (the same configurations as the stories' search vectors), and
 * lib/model/neighbours.ts weighs the terms in this process's memory.
 *
 * The model is rebuilt from the database when anything it learnt from changed: the same cache
 * tags that drop cached pages (lib/cache/tags.ts), shared between app servers through the tag
 * store, so a story published on one server is learnt on every server at its next suggestion.
 */

/** The newest published stories learnt from: enough to be representative, small enough to rebuild in a moment. */
export const TRAINING_STORIES = 5_000;
/** The newest stories evaluated by cross-validation on the model page. */
export const EVALUATED_STORIES = 1_000;

type StartingPointNames = { slug: string; position: number; nameEn: string; nameNl: string };

export type SuggestionModel = {
  index: TermIndex;
  startingPoints: StartingPointNames[];
  stories: LabelledDocument[];
  descriptions: LabelledDocument[];
};

type ModelState = {
  model: SuggestionModel | null;
  builtAt: number;
  building: Promise<SuggestionModel> | null;
};
function state(): ModelState {
  return processSingleton<ModelState>("vertrekpunt.suggestionModel", () => ({
    model: null,
    builtAt: 0,
    building: null,
  }));
}

const config = (language: string) =>
  language === "nl" ? sql`'dutch'::regconfig` : sql`'english'::regconfig`;
const storyConfig = sql`CASE WHEN s.language = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END`;

export async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * A published story's labels: what its author tagged, and what at least half of the readers who
 * recognised anything in it recognise (the same reading as the agreement statistics).
 */
const labelsOf = sql`array(
  SELECT sp.slug FROM story_starting_points ssp JOIN starting_points sp ON sp.id = ssp.starting_point_id WHERE ssp.story_id = s.id
  UNION
  SELECT sp.slug FROM story_recognitions r JOIN starting_points sp ON sp.id = r.starting_point_id
  WHERE r.story_id = s.id GROUP BY sp.slug HAVING count(*) * 2 >= s.recognition_count AND s.recognition_count > 0
)`;

/** A story's terms: its search vector (title, organisation, summary, body) and its trigger. */
const termsOf = sql`tsvector_to_array(s.search_vector || to_tsvector(${storyConfig}, s.trigger))`;

async function loadModel(): Promise<SuggestionModel> {
  const db = await getDb();
  const [spRows, storyRows] = await Promise.all([
    rows<StartingPointNames & { en: string[]; nl: string[] }>(
      db,
      sql`SELECT slug, position, name_en AS "nameEn", name_nl AS "nameNl",
            tsvector_to_array(to_tsvector('english', name_en || ' ' || tagline_en || ' ' || description_en)) AS en,
            tsvector_to_array(to_tsvector('dutch', name_nl || ' ' || tagline_nl || ' ' || description_nl)) AS nl
          FROM starting_points ORDER BY position`,
    ),
    rows<{ id: string; terms: string[]; labels: string[] }>(
      db,
      sql`SELECT s.id, ${termsOf} AS terms, ${labelsOf} AS labels
          FROM stories s WHERE s.status = 'published'
          ORDER BY s.published_at DESC, s.id DESC LIMIT ${TRAINING_STORIES}`,
    ),
  ]);
  // The book's descriptions, in both languages, make a fresh installation suggest sensibly;
  // an accepted proposal's description makes its new starting point suggestible at once.
  const descriptions: LabelledDocument[] = spRows.flatMap((sp) => [
    { id: `description:${sp.slug}:en`, terms: sp.en, labels: [sp.slug], description: true },
    { id: `description:${sp.slug}:nl`, terms: sp.nl, labels: [sp.slug], description: true },
  ]);
  const known = new Set(spRows.map((sp) => sp.slug));
  const stories: LabelledDocument[] = storyRows.map((row) => ({
    id: row.id,
    terms: row.terms ?? [],
    labels: (row.labels ?? []).filter((slug) => known.has(slug)),
  }));
  return {
    index: buildIndex([...descriptions, ...stories]),
    startingPoints: spRows.map(({ slug, position, nameEn, nameNl }) => ({ slug, position, nameEn, nameNl })),
    stories,
    descriptions,
  };
}

/** Whatever a model learns from: stories (text, state, recognitions), starting points, and everything. */
const LEARNS_FROM = [CACHE_TAGS.stories, CACHE_TAGS.startingPoints, CACHE_TAGS.content];

/**
 * The current model. When what it learnt from has changed since it was built, it is rebuilt in
 * the background and the previous model answers meanwhile: a rebuild takes seconds at the
 * bench's scale, and nobody typing should wait for it. Only the very first call waits.
 */
export async function suggestionModel(): Promise<SuggestionModel> {
  const current = state();
  const tags = processTagStore();
  await tags.refresh();
  if (current.model && tags.expiredAt(LEARNS_FROM) < current.builtAt) return current.model;
  const rebuilt = relearn();
  if (current.model) {
    // Failures are logged; the next call tries again.
    rebuilt.catch((error) => log.error("suggestion model not rebuilt", errorFields(error)));
    return current.model;
  }
  return rebuilt;
}

/** Rebuilds the model now (one rebuild at a time; callers during a rebuild share it). */
export function relearn(): Promise<SuggestionModel> {
  const current = state();
  if (current.building) return current.building;
  const startedAt = cacheClock();
  current.building = loadModel()
    .then((model) => {
      current.model = model;
      current.builtAt = startedAt;
      return model;
    })
    .finally(() => {
      current.building = null;
    });
  return current.building;
}

// ------------------------------------------------------------------ texts

export type SuggestionInput = {
  title: string;
  organisation?: string;
  summary: string;
  body: string;
  trigger: string;
  language: string;
};

/** The longest text that is analysed: the longest story the form accepts, with its other fields. */
const TEXT_MAX = 22_000;

function textOf(input: SuggestionInput): string {
  return [input.title, input.organisation ?? "", input.summary, input.body, input.trigger]
    .join("\n")
    .slice(0, TEXT_MAX);
}

/** The text's stemmed terms with how often each occurs, stop words left out. */
async function analyse(db: Database, text: string, language: string): Promise<Map<string, number>> {
  const found = await rows<{ lexeme: string; n: number }>(
    db,
    sql`SELECT lexeme, coalesce(array_length(positions, 1), 1) AS n FROM unnest(to_tsvector(${config(language)}, ${text}))`,
  );
  return new Map(found.map((row) => [row.lexeme, Number(row.n)]));
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/**
 * The words as the author wrote them for stemmed terms: stems ("knowledg", "bundel") are not
 * words. Only words starting like a stem are stemmed again, so this stays a small query.
 */
export async function surfaceWords(
  db: Database,
  text: string,
  lexemes: string[],
  language: string,
  maxWords = 500,
): Promise<Map<string, string>> {
  if (lexemes.length === 0) return new Map();
  // A snowball stem is the word's beginning up to its last letter or so ("share" from
  // "sharing", "studi" from "studies", "bundel" from "bundelen"): only such words are candidates.
  const stems = [...new Set(lexemes)].map((lexeme) => (lexeme.length > 3 ? lexeme.slice(0, -1) : lexeme));
  const frequency = new Map<string, number>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (frequency.has(word) || stems.some((stem) => word.startsWith(stem)))
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  const words = [...frequency.keys()].slice(0, maxWords);
  if (words.length === 0) return new Map();
  const stemmed = await rows<{ word: string; lexeme: string | null }>(
    db,
    sql`SELECT w AS word, (tsvector_to_array(to_tsvector(${config(language)}, w)))[1] AS lexeme FROM jsonb_array_elements_text(${JSON.stringify(words)}::jsonb) AS w`,
  );
  const wanted = new Set(lexemes);
  const best = new Map<string, string>();
  for (const { word, lexeme } of stemmed) {
    if (!lexeme || !wanted.has(lexeme)) continue;
    const current = best.get(lexeme);
    if (!current || frequency.get(word)! > frequency.get(current)!) best.set(lexeme, word);
  }
  return best;
}

export type SuggestionView = {
  slug: string;
  name: string;
  position: number;
  confidence: number;
  words: string[];
};

/** Starting points the text resembles, most confident first, each with the words that led there. */
export async function suggestStartingPoints(
  input: SuggestionInput,
  locale: Locale,
): Promise<SuggestionView[]> {
  const text = textOf(input);
  if (text.replace(/\s+/g, "").length === 0) return [];
  const db = await getDb();
  const [model, counts] = await Promise.all([suggestionModel(), analyse(db, text, input.language)]);
  const shown = suggested(suggest(model.index, counts));
  const words = await surfaceWords(db, text, [...new Set(shown.flatMap((s) => s.evidence))], input.language);
  const names = new Map(model.startingPoints.map((sp) => [sp.slug, sp]));
  return shown.flatMap((s) => {
    const sp = names.get(s.slug);
    if (!sp) return [];
    const led = [
      ...new Set(
        s.evidence.map((lexeme) => words.get(lexeme)).filter((word): word is string => Boolean(word)),
      ),
    ].slice(0, EVIDENCE_WORDS);
    return [
      {
        slug: s.slug,
        name: locale === "nl" ? sp.nameNl : sp.nameEn,
        position: sp.position,
        confidence: s.confidence,
        words: led,
      },
    ];
  });
}

// ------------------------------------------------------------------ what authors took

/**
 * Keeps what the form would have suggested for the text a story is first published with, next
 * to the starting points its author ticked. Never fails the save it follows.
 */
export async function recordSuggestion(params: {
  storyId: string;
  input: SuggestionInput;
  chosen: string[];
}): Promise<void> {
  try {
    const shown = await suggestStartingPoints(params.input, "en");
    const db = await getDb();
    await db
      .insert(storySuggestions)
      .values({ storyId: params.storyId, suggested: shown.map((s) => s.slug), chosen: params.chosen })
      .onConflictDoNothing();
  } catch (error) {
    log.warn("suggestion not recorded", { storyId: params.storyId, ...errorFields(error) });
  }
}

export type SuggestionAgreement = {
  /** Stories published with at least one suggestion. */
  stories: number;
  /** Of those, stories whose author ticked the most confident suggestion. */
  agreed: number;
  suggestions: number;
  taken: number;
};

/** How often authors took what the form suggested, over published stories. */
export async function suggestionAgreement(): Promise<SuggestionAgreement> {
  const db = await getDb();
  const [row] = await rows<SuggestionAgreement>(
    db,
    sql`SELECT count(*)::int AS stories,
               count(*) FILTER (WHERE g.suggested[1] = ANY (g.chosen))::int AS agreed,
               coalesce(sum(cardinality(g.suggested)), 0)::int AS suggestions,
               coalesce(sum((SELECT count(*) FROM unnest(g.suggested) x WHERE x = ANY (g.chosen))), 0)::int AS taken
        FROM story_suggestions g JOIN stories s ON s.id = g.story_id
        WHERE s.status = 'published' AND cardinality(g.suggested) > 0`,
  );
  return {
    stories: Number(row?.stories ?? 0),
    agreed: Number(row?.agreed ?? 0),
    suggestions: Number(row?.suggestions ?? 0),
    taken: Number(row?.taken ?? 0),
  };
}

// ------------------------------------------------------------------ related stories

export type RelatedStory = {
  slug: string;
  title: string;
  organisation: string;
  language: string;
  summary: string;
  publishedAt: Date;
  startingPoints: { slug: string; name: string; position: number }[];
};

/** Up to five published stories alike in text and starting points, in either language. */
export async function relatedStories(storyId: string, locale: Locale, limit = 5): Promise<RelatedStory[]> {
  const db = await getDb();
  const [model, [own]] = await Promise.all([
    suggestionModel(),
    rows<{ terms: string[]; labels: string[] }>(
      db,
      sql`SELECT ${termsOf} AS terms, ${labelsOf} AS labels FROM stories s WHERE s.id = ${storyId}`,
    ),
  ]);
  if (!own) return [];
  // A few spare: the model may still hold a story hidden since it was built.
  const found = related(
    model.index,
    { id: storyId, terms: own.terms ?? [], labels: own.labels ?? [] },
    limit + 5,
  );
  if (found.length === 0) return [];
  const ids = found.map((r) => r.id);
  const name = locale === "nl" ? sql`sp.name_nl` : sql`sp.name_en`;
  const cards = await rows<Omit<RelatedStory, "publishedAt"> & { id: string; publishedAt: string | Date }>(
    db,
    sql`SELECT s.id, s.slug, s.title, s.organisation, s.language::text AS language, s.summary, s.published_at AS "publishedAt",
               coalesce((SELECT json_agg(json_build_object('slug', sp.slug, 'name', ${name}, 'position', sp.position) ORDER BY sp.position)
                         FROM story_starting_points ssp JOIN starting_points sp ON sp.id = ssp.starting_point_id WHERE ssp.story_id = s.id), '[]'::json) AS "startingPoints"
        FROM stories s WHERE s.id IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) AND s.status = 'published' AND s.id <> ${storyId}`,
  );
  const byId = new Map(cards.map((card) => [card.id, card]));
  return ids
    .map((id) => byId.get(id))
    .filter((card): card is NonNullable<typeof card> => Boolean(card))
    .slice(0, limit)
    .map((card) => ({
      slug: card.slug,
      title: card.title,
      organisation: card.organisation,
      language: card.language,
      summary: card.summary,
      startingPoints: card.startingPoints,
      publishedAt: new Date(card.publishedAt),
    }));
}

// ------------------------------------------------------------------ evaluation

export type ModelEvaluation = EvaluationResult & { names: Record<string, string> };

/** k-fold cross-validation of the suggestions on the newest published stories (the model page's figures). */
export async function evaluateSuggestions(locale: Locale, folds = 5): Promise<ModelEvaluation> {
  const model = await suggestionModel();
  const result = crossValidate(
    model.startingPoints.map((sp) => sp.slug),
    model.stories.slice(0, EVALUATED_STORIES).filter((doc) => doc.labels.length > 0),
    model.descriptions,
    folds,
  );
  return {
    ...result,
    names: Object.fromEntries(
      model.startingPoints.map((sp) => [sp.slug, locale === "nl" ? sp.nameNl : sp.nameEn]),
    ),
  };
}
