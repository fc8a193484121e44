import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Locale } from "@/lib/i18n/locales";
import { rows, surfaceWords } from "./suggest";

/*
 * The book's second question, "what was the trigger?", answered from what members wrote: the
 * trigger field of published stories (grouped by the starting points their authors tagged) and
 * the notes with which members recognise a starting point in their organisation. Words are
 * counted stemmed, in the text's language, stop words out (PostgreSQL's text search), so
 * "bundled" and "bundling" count together, and shown in the form members wrote most.
 */

/** The newest triggers and notes counted: the page stays quick however many stories there are. */
export const TRIGGERS_COUNTED = 2_000;

const storyConfig = sql`CASE WHEN s.language = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END`;
// A note has no language of its own: the one its writer uses the site in.
const noteConfig = sql`CASE WHEN u.locale = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END`;

export type TriggerTerm = { lexeme: string; word: string; count: number };
export type StoryTrigger = { slug: string; title: string; trigger: string; language: string };
export type NoteTrigger = { id: string; note: string; name: string; language: string };
export type TriggerGroup = {
  slug: string;
  name: string;
  position: number;
  stories: number;
  notes: number;
  terms: TriggerTerm[];
  latestStories: StoryTrigger[];
  latestNotes: NoteTrigger[];
};

type StoryRow = StoryTrigger & { sp: string; lexemes: string[] };
type NoteRow = NoteTrigger & { sp: string; lexemes: string[] };

async function startingPointNames(locale: Locale) {
  const db = await getDb();
  return rows<{ slug: string; name: string; position: number }>(
    db,
    sql`SELECT slug, ${locale === "nl" ? sql`name_nl` : sql`name_en`} AS name, position FROM starting_points ORDER BY position`,
  );
}

/** Per starting point: how many triggers, the words used most (each once per trigger), and the latest. */
export async function triggersByStartingPoint(
  locale: Locale,
  options: { terms?: number; latest?: number } = {},
): Promise<TriggerGroup[]> {
  const termsShown = options.terms ?? 8;
  const latestShown = options.latest ?? 3;
  const db = await getDb();
  const [names, storyRows, noteRows] = await Promise.all([
    startingPointNames(locale),
    rows<StoryRow>(
      db,
      sql`SELECT s.slug, s.title, s.trigger, s.language::text AS language, sp.slug AS sp, tsvector_to_array(to_tsvector(${storyConfig}, s.trigger)) AS lexemes
          FROM (SELECT id, slug, title, trigger, language, published_at FROM stories
                WHERE status = 'published' AND trigger <> '' ORDER BY published_at DESC, id DESC LIMIT ${TRIGGERS_COUNTED}) s
          JOIN story_starting_points ssp ON ssp.story_id = s.id
          JOIN starting_points sp ON sp.id = ssp.starting_point_id
          ORDER BY s.published_at DESC, s.id DESC`,
    ),
    rows<NoteRow>(
      db,
      sql`SELECT o.id, o.note, u.name, CASE WHEN u.locale = 'nl' THEN 'nl' ELSE 'en' END AS language, sp.slug AS sp,
                 tsvector_to_array(to_tsvector(${noteConfig}, o.note)) AS lexemes
          FROM organisation_recognitions o
          JOIN users u ON u.id = o.user_id
          JOIN starting_points sp ON sp.id = o.starting_point_id
          WHERE o.note <> ''
          ORDER BY o.created_at DESC, o.id DESC LIMIT ${TRIGGERS_COUNTED}`,
    ),
  ]);

  const groups = names.map((sp) => {
    const stories = storyRows.filter((row) => row.sp === sp.slug);
    const notes = noteRows.filter((row) => row.sp === sp.slug);
    const counts = new Map<string, number>();
    for (const row of [...stories, ...notes])
      for (const lexeme of new Set(row.lexemes ?? [])) counts.set(lexeme, (counts.get(lexeme) ?? 0) + 1);
    const top = [...counts.entries()]
      .filter(([lexeme]) => lexeme.length > 1 && !/^\d+$/.test(lexeme))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, termsShown);
    return { sp, stories, notes, top };
  });

  // The words behind the stems, per language, in one small query each.
  const wanted = new Set(groups.flatMap((g) => g.top.map(([lexeme]) => lexeme)));
  const words = new Map<string, string>();
  for (const language of ["en", "nl"]) {
    const text = [
      ...storyRows.filter((r) => r.language === language).map((r) => r.trigger),
      ...noteRows.filter((r) => r.language === language).map((r) => r.note),
    ].join("\n");
    const found = await surfaceWords(
      db,
      text,
      [...wanted].filter((lexeme) => !words.has(lexeme)),
      language,
      2_000,
    );
    for (const [lexeme, word] of found) if (!words.has(lexeme)) words.set(lexeme, word);
  }

  return groups.map(({ sp, stories, notes, top }) => ({
    ...sp,
    stories: stories.length,
    notes: notes.length,
    terms: top.map(([lexeme, count]) => ({ lexeme, word: words.get(lexeme) ?? lexeme, count })),
    latestStories: stories
      .slice(0, latestShown)
      .map(({ slug, title, trigger, language }) => ({ slug, title, trigger, language })),
    latestNotes: notes
      .slice(0, latestShown)
      .map(({ id, note, name, language }) => ({ id, note, name, language })),
  }));
}

export type TriggerMentions = {
  startingPoint: { slug: string; name: string };
  word: string;
  stories: StoryTrigger[];
  notes: NoteTrigger[];
};

/** The published stories and notes on a starting point whose trigger uses a (stemmed) term; null for an unknown starting point. */
export async function triggerMentions(params: {
  slug: string;
  lexeme: string;
  locale: Locale;
  limit?: number;
}): Promise<TriggerMentions | null> {
  const limit = params.limit ?? 50;
  const names = await startingPointNames(params.locale);
  const sp = names.find((row) => row.slug === params.slug);
  if (!sp) return null;
  const db = await getDb();
  const [stories, notes] = await Promise.all([
    rows<StoryTrigger>(
      db,
      sql`SELECT s.slug, s.title, s.trigger, s.language::text AS language
          FROM stories s
          JOIN story_starting_points ssp ON ssp.story_id = s.id
          JOIN starting_points sp ON sp.id = ssp.starting_point_id AND sp.slug = ${params.slug}
          WHERE s.status = 'published' AND s.trigger <> '' AND ${params.lexeme} = ANY (tsvector_to_array(to_tsvector(${storyConfig}, s.trigger)))
          ORDER BY s.published_at DESC, s.id DESC LIMIT ${limit}`,
    ),
    rows<NoteTrigger>(
      db,
      sql`SELECT o.id, o.note, u.name, CASE WHEN u.locale = 'nl' THEN 'nl' ELSE 'en' END AS language
          FROM organisation_recognitions o
          JOIN users u ON u.id = o.user_id
          JOIN starting_points sp ON sp.id = o.starting_point_id AND sp.slug = ${params.slug}
          WHERE o.note <> '' AND ${params.lexeme} = ANY (tsvector_to_array(to_tsvector(${noteConfig}, o.note)))
          ORDER BY o.created_at DESC, o.id DESC LIMIT ${limit}`,
    ),
  ]);
  let word = params.lexeme;
  for (const language of ["en", "nl"]) {
    const text = [
      ...stories.filter((r) => r.language === language).map((r) => r.trigger),
      ...notes.filter((r) => r.language === language).map((r) => r.note),
    ].join("\n");
    const found = (await surfaceWords(db, text, [params.lexeme], language)).get(params.lexeme);
    if (found) {
      word = found;
      break;
    }
  }
  return { startingPoint: { slug: sp.slug, name: sp.name }, word, stories, notes };
}
