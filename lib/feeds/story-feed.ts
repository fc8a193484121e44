import "server-only";
import { getTranslations } from "next-intl/server";
import { resolveLocale } from "@/lib/i18n/request";
import { renderMarkdown } from "@/lib/markdown/render";
import { listPublishedStories, storyBodies } from "@/lib/stories/listing";
import { type StoryFilters } from "@/lib/stories/query-pieces";
import { atomFeed, atomResponse } from "./atom";
import { siteOrigin } from "./site-url";

export const FEED_SIZE = 30;

/** An Atom response with the newest published stories matching the filters. */
export async function storyFeedResponse(params: {
  filters: StoryFilters;
  title: string;
  path: string;
  pagePath: string;
}): Promise<Response> {
  const [origin, locale] = await Promise.all([siteOrigin(), resolveLocale()]);
  const t = await getTranslations({ locale, namespace: "stories" });
  const page = await listPublishedStories({ filters: params.filters, limit: FEED_SIZE, locale });
  const bodies = await storyBodies(page.items.map((s) => s.id));
  const xml = atomFeed({
    title: params.title,
    selfUrl: `${origin}${params.path}`,
    pageUrl: `${origin}${params.pagePath}`,
    language: locale,
    emptyUpdated: new Date(0),
    entries: page.items.map((story) => ({
      id: story.id,
      title: story.title,
      url: `${origin}/stories/${story.slug}`,
      published: story.publishedAt ?? story.updatedAt,
      updated: story.updatedAt,
      author: story.author?.name ?? t("formerMember"),
      summary: story.summary,
      html: renderMarkdown(bodies.get(story.id) ?? ""),
      categories: story.startingPoints.map((sp) => ({ term: sp.slug, label: sp.name })),
    })),
  });
  return atomResponse(xml);
}
