import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { cachedStory } from "@/lib/cache/reads";
import { embedDocument, missingEmbedBody, storyEmbedBody } from "@/lib/embed/html";
import { embedLocale } from "@/lib/embed/locale";
import { embedResponse } from "@/lib/embed/response";
import { siteOrigin } from "@/lib/feeds/site-url";
import { markdownToPlainText } from "@/lib/markdown/render";

export const dynamic = "force-dynamic";

const FIRST_LINES = 280;

/** A published story's card for other sites' frames (decision 025). Drafts and hidden stories are not there. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const locale = await embedLocale(request.nextUrl.searchParams);
  const [t, tMeta, tStories, origin, story] = await Promise.all([
    getTranslations({ locale, namespace: "embed" }),
    getTranslations({ locale, namespace: "meta" }),
    getTranslations({ locale, namespace: "stories" }),
    siteOrigin(),
    cachedStory(slug, locale),
  ]);
  const site = tMeta("siteName");
  if (!story || story.status !== "published") {
    const body = missingEmbedBody(
      { title: t("storyMissing"), more: t("more", { site }) },
      `${origin}/stories`,
    );
    return embedResponse(embedDocument({ locale, title: `${t("storyMissing")} · ${site}`, body }), 404);
  }
  const body = storyEmbedBody(
    {
      title: story.title,
      organisation: story.organisation,
      startingPoints: [...story.startingPoints].sort((a, b) => a.position - b.position),
      firstLines: story.summary || markdownToPlainText(story.body, FIRST_LINES),
      language: story.language === locale ? null : story.language,
    },
    {
      startingPoints: t("startingPoints"),
      exampleFromBook: story.isExample ? tStories("example") : null,
      more: t("moreStory", { site }),
    },
    `${origin}/stories/${story.slug}`,
  );
  return embedResponse(embedDocument({ locale, title: `${story.title} · ${site}`, body }));
}
