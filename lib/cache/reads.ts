import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { listComments, storyConversation, type ReplyView, type ThreadView } from "@/lib/comments/queries";
import type { Locale } from "@/lib/i18n/locales";
import { renderMarkdown } from "@/lib/markdown/render";
import { storyRecognitionSummary } from "@/lib/model/recognition";
import { modelOverTime } from "@/lib/model/over-time";
import { evaluateSuggestions, relatedStories, suggestionAgreement } from "@/lib/model/suggest";
import { triggerMentions, triggersByStartingPoint } from "@/lib/model/triggers";
import { getStartingPoint, listStartingPoints } from "@/lib/starting-points/queries";
import { countPublishedStories, listPublishedStories } from "@/lib/stories/listing";
import { facetCounts } from "@/lib/stories/facets";
import { getStoryBySlug } from "@/lib/stories/story";
import { searchSnippets } from "@/lib/stories/search";
import { type StoryFilters } from "@/lib/stories/query-pieces";
import { CACHE_TAGS } from "./tags";

/*
 * The reads behind the pages everyone sees, cached across requests (decision 024). Nothing
 * here takes or returns anything about the person asking: pages combine these with the
 * personal parts (session, bell, "useful" marks, permissions), which are never cached. Each
 * read names the tags whose invalidation (lib/cache/tags.ts, called by every action that
 * changes them) drops it; an hour is only the backstop.
 *
 * Markdown is rendered here too, so a cached page of 50 comments is not rendered from Markdown
 * again on every request.
 */

function cachedFor(...tags: string[]): void {
  cacheLife({ revalidate: 3600, expire: 86_400 });
  cacheTag(CACHE_TAGS.content, ...tags);
}

export async function cachedStartingPoints(locale: Locale) {
  "use cache";
  cachedFor(CACHE_TAGS.startingPoints);
  return listStartingPoints(locale);
}

export async function cachedStartingPoint(slug: string, locale: Locale) {
  "use cache";
  cachedFor(CACHE_TAGS.startingPoints);
  return getStartingPoint(slug, locale);
}

export async function cachedPublishedStories(params: Parameters<typeof listPublishedStories>[0]) {
  "use cache";
  cachedFor(CACHE_TAGS.stories);
  return listPublishedStories(params);
}

export async function cachedStoryCount(filters: StoryFilters, options: { cap?: number } = {}) {
  "use cache";
  cachedFor(CACHE_TAGS.stories);
  return countPublishedStories(filters, options);
}

export async function cachedFacetCounts(filters: StoryFilters, options: { sample?: number } = {}) {
  "use cache";
  cachedFor(CACHE_TAGS.stories);
  return facetCounts(filters, options);
}

export async function cachedSearchSnippets(storyIds: string[], query: string) {
  "use cache";
  cachedFor(CACHE_TAGS.stories);
  return searchSnippets(storyIds, query);
}

/**
 * A story by its address, whatever its state, with its body rendered: the page decides who
 * may see it. An unknown address is tagged with the listings, which a new story changes.
 */
export async function cachedStory(slug: string, locale: Locale) {
  "use cache";
  const story = await getStoryBySlug(slug, locale);
  cachedFor(story ? CACHE_TAGS.story(story.id) : CACHE_TAGS.stories);
  return story && { ...story, html: renderMarkdown(story.body) };
}

export type RenderedComment<T> = T & { html: string };
export type RenderedThread = RenderedComment<Omit<ThreadView, "replies">> & {
  replies: RenderedComment<ReplyView>[];
};

/**
 * One page of a story's threads, each comment with its body rendered. A hidden or deleted
 * comment's words are not rendered: they never reach the page.
 */
export async function cachedComments(
  storyId: string,
  after: string | null,
): Promise<{ items: RenderedThread[]; more: string | null }> {
  "use cache";
  cachedFor(CACHE_TAGS.story(storyId));
  const page = await listComments({ storyId, after });
  const rendered = <T extends { body: string; hidden: unknown; deleted: boolean }>(
    comment: T,
  ): RenderedComment<T> => ({
    ...comment,
    html: comment.hidden || comment.deleted ? "" : renderMarkdown(comment.body, "comment"),
  });
  return {
    items: page.items.map((thread) => ({ ...rendered(thread), replies: thread.replies.map(rendered) })),
    more: page.more,
  };
}

/** A story's conversation settings and "useful" count, as someone who is not signed in sees them. */
export async function cachedPublicConversation(storyId: string) {
  "use cache";
  cachedFor(CACHE_TAGS.story(storyId));
  return storyConversation({ storyId, userId: null });
}

/** Which starting points readers recognise in a story, as someone who is not signed in sees it. */
export async function cachedPublicRecognitions(storyId: string, locale: Locale) {
  "use cache";
  cachedFor(CACHE_TAGS.story(storyId), CACHE_TAGS.startingPoints);
  return storyRecognitionSummary({ storyId, userId: null, locale });
}

/**
 * Up to five published stories related to this one. Dropped with the story, and with every
 * listing: a newly published story may be closer, and a hidden one must go.
 */
export async function cachedRelatedStories(storyId: string, locale: Locale) {
  "use cache";
  cachedFor(CACHE_TAGS.story(storyId), CACHE_TAGS.stories);
  return relatedStories(storyId, locale);
}

/** The cross-validated quality of the suggestions (the model page): relearnt with the model. */
export async function cachedSuggestionEvaluation(locale: Locale) {
  "use cache";
  cachedFor(CACHE_TAGS.stories, CACHE_TAGS.startingPoints);
  return evaluateSuggestions(locale);
}

/** How often authors took the suggestion: recorded as a story is published. */
export async function cachedSuggestionAgreement() {
  "use cache";
  cachedFor(CACHE_TAGS.stories);
  return suggestionAgreement();
}

/** The triggers members gave, per starting point, in stories and in recognition notes. */
export async function cachedTriggers(locale: Locale, options: { terms?: number; latest?: number } = {}) {
  "use cache";
  cachedFor(CACHE_TAGS.stories, CACHE_TAGS.startingPoints, CACHE_TAGS.organisationRecognitions);
  return triggersByStartingPoint(locale, options);
}

export async function cachedTriggerMentions(slug: string, lexeme: string, locale: Locale) {
  "use cache";
  cachedFor(CACHE_TAGS.stories, CACHE_TAGS.startingPoints, CACHE_TAGS.organisationRecognitions);
  return triggerMentions({ slug, lexeme, locale });
}

/** Stories per starting point per quarter, and 1 and 3 together. */
export async function cachedModelOverTime(locale: Locale) {
  "use cache";
  cachedFor(CACHE_TAGS.stories, CACHE_TAGS.startingPoints);
  return modelOverTime(locale);
}
