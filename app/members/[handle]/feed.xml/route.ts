import { getTranslations } from "next-intl/server";
import { storyFeedResponse } from "@/lib/feeds/story-feed";
import { resolveLocale } from "@/lib/i18n/request";
import { getMemberByHandle } from "@/lib/members/queries";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const member = await getMemberByHandle(handle);
  if (!member) return new Response("Not found", { status: 404 });
  const t = await getTranslations({ locale: await resolveLocale(), namespace: "feeds" });
  return storyFeedResponse({
    filters: { authorId: member.id },
    title: t("member", { name: member.name }),
    path: `/members/${member.handle}/feed.xml`,
    pagePath: `/members/${member.handle}`,
  });
}
