import { getTranslations } from "next-intl/server";
import { storyFeedResponse } from "@/lib/feeds/story-feed";
import { resolveLocale } from "@/lib/i18n/request";
import { getStartingPoint } from "@/lib/starting-points/queries";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const locale = await resolveLocale();
  const startingPoint = await getStartingPoint(slug, locale);
  if (!startingPoint) return new Response("Not found", { status: 404 });
  const t = await getTranslations({ locale, namespace: "feeds" });
  return storyFeedResponse({
    filters: { startingPoints: [slug] },
    title: t("startingPoint", { name: startingPoint.name }),
    path: `/starting-points/${slug}/feed.xml`,
    pagePath: `/starting-points/${slug}`,
  });
}
