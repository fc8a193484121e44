import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { canSeeHistory } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { getReaderLocale } from "@/lib/i18n/server";
import type { VersionContent } from "@/lib/stories/diff";
import { pickStoryContent } from "@/lib/stories/schema";
import { getRevision, storyHistory } from "@/lib/stories/history";
import { getStoryBySlug, type StoryDetail } from "@/lib/stories/story";

/**
 * The story and its versions for the history pages, or 404 for anyone but its author and the
 * moderators (the same answer as for a story that does not exist). Metadata and page share one
 * load per request.
 */
export const loadHistory = cache(async (slug: string) => {
  const [user, locale] = await Promise.all([currentUser(), getReaderLocale()]);
  const story = await getStoryBySlug(slug, locale);
  if (!story || !canSeeHistory(user, story)) notFound();
  const entries = await storyHistory(story);
  return { story, entries, locale };
});

/** One version's content: the story itself for the current version, else its kept revision. */
export async function versionContent(story: StoryDetail, version: number): Promise<VersionContent | null> {
  if (version === story.version) {
    return { ...pickStoryContent(story), startingPoints: story.startingPoints.map((sp) => sp.slug) };
  }
  return getRevision(story.id, version);
}
