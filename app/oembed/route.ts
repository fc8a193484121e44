import { NextResponse, type NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { cachedStartingPoint, cachedStory } from "@/lib/cache/reads";
import { embedLocale } from "@/lib/embed/locale";
import { EMBED_SIZES, embedTargetOf, embedUrls, fitSize, oembedResponse } from "@/lib/embed/oembed";
import { siteOrigin } from "@/lib/feeds/site-url";

export const dynamic = "force-dynamic";

// Consumers fetch from their servers or, for previews, from the browser.
const CORS = { "Access-Control-Allow-Origin": "*" };

function refuse(status: 400 | 404 | 501, message: string) {
  return new NextResponse(`${message}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...CORS },
  });
}

/**
 * oEmbed for the model, a starting point and a published story (decision 025). As the spec
 * says: a URL that is not one of those is 404, a format other than JSON is 501.
 */
export async function GET(request: NextRequest) {
  const { searchParams } = request.nextUrl;
  const format = searchParams.get("format");
  if (format !== null && format !== "json") return refuse(501, "Only format=json is supported.");
  const url = searchParams.get("url");
  if (!url) return refuse(400, "The url parameter is required.");

  const origin = await siteOrigin();
  const target = embedTargetOf(url, origin);
  if (!target) return refuse(404, "No embed for this URL.");
  const locale = target.lang ?? (await embedLocale(searchParams));
  const [t, tMeta] = await Promise.all([
    getTranslations({ locale, namespace: "embed" }),
    getTranslations({ locale, namespace: "meta" }),
  ]);
  const site = tMeta("siteName");
  const { embed } = embedUrls(target, origin);
  const maxWidth = searchParams.get("maxwidth");
  const maxHeight = searchParams.get("maxheight");

  if (target.kind === "story") {
    const story = await cachedStory(target.slug, locale);
    // Drafts, stories waiting for approval and hidden ones are not public: as unknown as a missing one.
    if (!story || story.status !== "published") return refuse(404, "No embed for this URL.");
    return NextResponse.json(
      oembedResponse({
        providerName: site,
        origin,
        title: story.title,
        author: story.author
          ? { name: story.author.name, url: `${origin}/members/${story.author.handle}` }
          : null,
        embed,
        ...fitSize(EMBED_SIZES.story, maxWidth, maxHeight),
      }),
      { headers: CORS },
    );
  }

  let title = t("modelTitle");
  if (target.kind === "startingPoint") {
    const startingPoint = await cachedStartingPoint(target.slug, locale);
    if (!startingPoint) return refuse(404, "No embed for this URL.");
    title = startingPoint.name;
  }
  return NextResponse.json(
    oembedResponse({
      providerName: site,
      origin,
      title,
      embed,
      ...fitSize(EMBED_SIZES.model, maxWidth, maxHeight),
    }),
    { headers: CORS },
  );
}
