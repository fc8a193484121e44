import { expireTags } from "./tag-store";

/*
 * What each cached read depends on (decision 024). Every cached read carries `content`, so a
 * change that reaches everywhere (a member's name, a suspension, an import) is one
 * invalidation; the narrower tags keep a comment on one story from dropping every other
 * story's page.
 */
export const CACHE_TAGS = {
  /** Everything cached: member names and states show on every page. */
  content: "content",
  /** Every listing, count and facet of stories. */
  stories: "stories",
  /** The starting points, their texts and story counts. */
  startingPoints: "starting-points",
  /** Members' recognitions of starting points in their organisations, with their notes (the triggers). */
  organisationRecognitions: "organisation-recognitions",
  /** One story's page: the story and its comments. */
  story: (storyId: string) => `story:${storyId}`,
} as const;

/**
 * A story itself changed (text, starting points, state, deleted): its page, every listing, and
 * the starting points' story counts.
 */
export function storyChanged(storyId: string): Promise<void> {
  return expireTags([CACHE_TAGS.stories, CACHE_TAGS.story(storyId), CACHE_TAGS.startingPoints]);
}

/**
 * The conversation on a story changed (comments, "useful", recognitions, closed or locked): its
 * page, and the listings, whose cards show comment and recognition counts.
 */
export function conversationChanged(storyId: string): Promise<void> {
  return expireTags([CACHE_TAGS.stories, CACHE_TAGS.story(storyId)]);
}

/** A new story: listings and counts; no page of it has been cached yet. */
export function storiesChanged(): Promise<void> {
  return expireTags([CACHE_TAGS.stories, CACHE_TAGS.startingPoints]);
}

/** A member recognised a starting point in their organisation, changed the note or took it back. */
export function organisationRecognitionsChanged(): Promise<void> {
  return expireTags([CACHE_TAGS.organisationRecognitions]);
}

/** Something shown everywhere changed: a member's name, roles, moderation, imported data. */
export function contentChanged(): Promise<void> {
  return expireTags([CACHE_TAGS.content]);
}
