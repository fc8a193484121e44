import "server-only";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { getDb } from "@/db";
import { stories, storyTranslationRevisions, storyTranslations, users, type Language } from "@/db/schema";
import { LANGUAGES } from "@/lib/constants/vocabulary";
import type { TranslationInput } from "./translation-schema";

/*
 * Stories in the other language, written by their authors (decision 030). A story has its own
 * language and at most one translation per other language; with two languages, that is one.
 */

/** The language a story in `language` is translated into. */
export function translationLanguageOf(language: string): Language {
  return LANGUAGES.find((other) => other !== language) ?? LANGUAGES[0];
}

export type TranslationView = {
  language: Language;
  title: string;
  summary: string;
  body: string;
  trigger: string;
  version: number;
  updatedAt: Date;
};

const translationColumns = {
  language: storyTranslations.language,
  title: storyTranslations.title,
  summary: storyTranslations.summary,
  body: storyTranslations.body,
  trigger: storyTranslations.trigger,
  version: storyTranslations.version,
  updatedAt: storyTranslations.updatedAt,
};

/** Every translation of a story. */
export async function listTranslations(storyId: string): Promise<TranslationView[]> {
  const db = await getDb();
  return db.select(translationColumns).from(storyTranslations).where(eq(storyTranslations.storyId, storyId));
}

export async function getTranslation(storyId: string, language: string): Promise<TranslationView | null> {
  const db = await getDb();
  const [row] = await db
    .select(translationColumns)
    .from(storyTranslations)
    .where(and(eq(storyTranslations.storyId, storyId), eq(storyTranslations.language, language as Language)))
    .limit(1);
  return row ?? null;
}

/** Title and summary in `language` for those of the stories that have a translation into it, for cards. */
export async function cardTranslations(
  storyIds: string[],
  language: string,
): Promise<Map<string, { title: string; summary: string }>> {
  if (storyIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({
      storyId: storyTranslations.storyId,
      title: storyTranslations.title,
      summary: storyTranslations.summary,
    })
    .from(storyTranslations)
    .innerJoin(stories, eq(stories.id, storyTranslations.storyId))
    .where(
      and(
        inArray(storyTranslations.storyId, storyIds),
        eq(storyTranslations.language, language as Language),
        ne(stories.language, language as Language),
      ),
    );
  return new Map(rows.map(({ storyId, ...text }) => [storyId, text]));
}

/** The languages each story can be read in: its own first, then its translations'. */
export async function readableLanguages(storyIds: string[]): Promise<Map<string, Language[]>> {
  if (storyIds.length === 0) return new Map();
  const db = await getDb();
  const [own, translated] = await Promise.all([
    db
      .select({ id: stories.id, language: stories.language })
      .from(stories)
      .where(inArray(stories.id, storyIds)),
    db
      .select({ id: storyTranslations.storyId, language: storyTranslations.language })
      .from(storyTranslations)
      .where(inArray(storyTranslations.storyId, storyIds)),
  ]);
  const languages = new Map(own.map((row) => [row.id, [row.language]]));
  for (const row of translated) languages.get(row.id)?.push(row.language);
  return languages;
}

export type SaveTranslationResult =
  | { ok: true; slug: string; language: Language; version: number }
  | { ok: false; reason: "not_found" | "conflict" | "same_language" };

/**
 * Adds or replaces the translation of a story into `language`, and keeps the saved version in
 * its history. `expectedVersion` is the translation's version the person started from (0 for a
 * new one): as with stories (decision 010), of two saves from the same version only the first
 * goes through. The story row is locked first, so two first saves cannot both insert.
 */
export async function saveTranslation(params: {
  storyId: string;
  language: Language;
  expectedVersion: number;
  input: TranslationInput;
  editorId: string;
}): Promise<SaveTranslationResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [story] = await tx
      .select({ slug: stories.slug, language: stories.language })
      .from(stories)
      .where(eq(stories.id, params.storyId))
      .for("update");
    if (!story) return { ok: false, reason: "not_found" } as const;
    if (story.language === params.language) return { ok: false, reason: "same_language" } as const;
    const [current] = await tx
      .select({ version: storyTranslations.version })
      .from(storyTranslations)
      .where(
        and(eq(storyTranslations.storyId, params.storyId), eq(storyTranslations.language, params.language)),
      );
    if ((current?.version ?? 0) !== params.expectedVersion) return { ok: false, reason: "conflict" } as const;

    const now = new Date();
    const version = params.expectedVersion + 1;
    const text = {
      title: params.input.title,
      summary: params.input.summary,
      body: params.input.body,
      trigger: params.input.trigger,
    };
    if (current) {
      await tx
        .update(storyTranslations)
        .set({ ...text, version, updatedAt: now })
        .where(
          and(
            eq(storyTranslations.storyId, params.storyId),
            eq(storyTranslations.language, params.language),
            eq(storyTranslations.version, current.version),
          ),
        );
    } else {
      await tx.insert(storyTranslations).values({
        storyId: params.storyId,
        language: params.language,
        ...text,
        version,
        createdAt: now,
        updatedAt: now,
      });
    }
    await tx.insert(storyTranslationRevisions).values({
      storyId: params.storyId,
      language: params.language,
      version,
      ...text,
      savedById: params.editorId,
      savedAt: now,
    });
    return { ok: true, slug: story.slug, language: params.language, version } as const;
  });
}

export type TranslationHistoryEntry = {
  language: Language;
  version: number;
  title: string;
  summary: string;
  body: string;
  trigger: string;
  savedAt: Date;
  /** Null for a former member. */
  savedBy: { name: string; handle: string } | null;
  current: boolean;
};

/** Every saved version of a story's translations, newest first. */
export async function translationHistory(storyId: string): Promise<TranslationHistoryEntry[]> {
  const db = await getDb();
  const [rows, current] = await Promise.all([
    db
      .select({
        language: storyTranslationRevisions.language,
        version: storyTranslationRevisions.version,
        title: storyTranslationRevisions.title,
        summary: storyTranslationRevisions.summary,
        body: storyTranslationRevisions.body,
        trigger: storyTranslationRevisions.trigger,
        savedAt: storyTranslationRevisions.savedAt,
        name: users.name,
        handle: users.handle,
      })
      .from(storyTranslationRevisions)
      .leftJoin(users, eq(users.id, storyTranslationRevisions.savedById))
      .where(eq(storyTranslationRevisions.storyId, storyId))
      .orderBy(desc(storyTranslationRevisions.savedAt), desc(storyTranslationRevisions.version)),
    db
      .select({ language: storyTranslations.language, version: storyTranslations.version })
      .from(storyTranslations)
      .where(eq(storyTranslations.storyId, storyId)),
  ]);
  const currentVersion = new Map(current.map((row) => [row.language, row.version]));
  return rows.map(({ name, handle, ...row }) => ({
    ...row,
    savedBy: name && handle ? { name, handle } : null,
    current: currentVersion.get(row.language) === row.version,
  }));
}

/** Language and title of each story's translations, for the research export. */
export async function translationTitles(
  storyIds: string[],
): Promise<Map<string, { language: string; title: string }[]>> {
  const result = new Map<string, { language: string; title: string }[]>();
  if (storyIds.length === 0) return result;
  const db = await getDb();
  const rows = await db
    .select({
      storyId: storyTranslations.storyId,
      language: storyTranslations.language,
      title: storyTranslations.title,
    })
    .from(storyTranslations)
    .where(inArray(storyTranslations.storyId, storyIds))
    .orderBy(storyTranslations.language);
  for (const { storyId, ...translation } of rows)
    result.set(storyId, [...(result.get(storyId) ?? []), translation]);
  return result;
}
