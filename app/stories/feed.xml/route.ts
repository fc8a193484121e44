import { getTranslations } from "next-intl/server";
import { storyFeedResponse } from "@/lib/feeds/story-feed";
import { resolveLocale } from "@/lib/i18n/request";

export const dynamic = "force-dynamic";

export async function GET() {
  const t = await getTranslations({ locale: await resolveLocale(), namespace: "feeds" });
  return storyFeedResponse({
    filters: {},
    title: t("allStories"),
    path: "/stories/feed.xml",
    pagePath: "/stories",
  });
}
