import { getTranslations } from "next-intl/server";
import { latestComments } from "@/lib/comments/queries";
import { atomFeed, atomResponse } from "@/lib/feeds/atom";
import { siteOrigin } from "@/lib/feeds/site-url";
import { resolveLocale } from "@/lib/i18n/request";
import { renderMarkdown } from "@/lib/markdown/render";
import { getStoryBySlug } from "@/lib/stories/story";

export const dynamic = "force-dynamic";

/** The comments on one published story; a draft's feed does not exist. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const locale = await resolveLocale();
  const story = await getStoryBySlug(slug, locale);
  if (!story || story.status !== "published") return new Response("Not found", { status: 404 });
  const [origin, t, tStories, comments] = await Promise.all([
    siteOrigin(),
    getTranslations({ locale, namespace: "feeds" }),
    getTranslations({ locale, namespace: "stories" }),
    latestComments(story.id),
  ]);
  const storyUrl = `${origin}/stories/${story.slug}`;
  const xml = atomFeed({
    title: t("comments", { title: story.title }),
    selfUrl: `${storyUrl}/comments.xml`,
    pageUrl: storyUrl,
    language: locale,
    emptyUpdated: story.publishedAt ?? story.updatedAt,
    entries: comments.map((comment) => {
      const author = comment.author?.name ?? tStories("formerMember");
      return {
        id: comment.id,
        title: t("commentBy", { name: author }),
        url: `${storyUrl}#comment-${comment.id}`,
        published: comment.createdAt,
        updated: comment.updatedAt,
        author,
        html: renderMarkdown(comment.body),
      };
    }),
  });
  return atomResponse(xml);
}
