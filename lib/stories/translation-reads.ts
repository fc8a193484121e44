import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { CACHE_TAGS } from "@/lib/cache/tags";
import type { Locale } from "@/lib/i18n/locales";
import { renderMarkdown } from "@/lib/markdown/render";
import type { StoryCard } from "./cards";
import { cardTranslations, listTranslations } from "./translations";

/*
 * Cached reads of translations, by decision 024's rules: a translation is part of its story's
 * page (`story:<id>`) and of the cards in listings (`stories`); saving one calls storyChanged().
 */

function cachedFor(...tags: string[]): void {
  cacheLife({ revalidate: 3600, expire: 86_400 });
  cacheTag(CACHE_TAGS.content, ...tags);
}

/** A story's translations, each body rendered like the story's. */
export async function cachedTranslations(storyId: string) {
  "use cache";
  cachedFor(CACHE_TAGS.story(storyId));
  const translations = await listTranslations(storyId);
  return translations.map((translation) => ({ ...translation, html: renderMarkdown(translation.body) }));
}

async function cachedCardTranslations(storyIds: string[], locale: Locale) {
  "use cache";
  cachedFor(CACHE_TAGS.stories);
  return cardTranslations(storyIds, locale);
}

export type ReadableCard = StoryCard & { shownLanguage: string };

/**
 * Cards in the reader's language where the author translated the story: its title and summary
 * in that language, `shownLanguage` saying which one the card shows.
 */
export async function inReaderLanguage<T extends StoryCard>(
  cards: T[],
  locale: Locale,
): Promise<(T & { shownLanguage: string })[]> {
  const others = cards.filter((card) => card.language !== locale).map((card) => card.id);
  const translated =
    others.length > 0
      ? await cachedCardTranslations(others, locale)
      : new Map<string, { title: string; summary: string }>();
  return cards.map((card) => {
    const text = translated.get(card.id);
    return text ? { ...card, ...text, shownLanguage: locale } : { ...card, shownLanguage: card.language };
  });
}
