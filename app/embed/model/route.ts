import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { cachedStartingPoint } from "@/lib/cache/reads";
import { embedDocument, missingEmbedBody, modelEmbedBody } from "@/lib/embed/html";
import { embedLocale } from "@/lib/embed/locale";
import { cachedModelCounts } from "@/lib/embed/reads";
import { embedResponse } from "@/lib/embed/response";
import { siteOrigin } from "@/lib/feeds/site-url";

export const dynamic = "force-dynamic";

/** The live model for other sites' frames; `?sp=<slug>` highlights one starting point (decision 025). */
export async function GET(request: NextRequest) {
  const { searchParams } = request.nextUrl;
  const locale = await embedLocale(searchParams);
  const [t, tMeta, origin, model] = await Promise.all([
    getTranslations({ locale, namespace: "embed" }),
    getTranslations({ locale, namespace: "meta" }),
    siteOrigin(),
    cachedModelCounts(locale),
  ]);
  const site = tMeta("siteName");
  const slug = searchParams.get("sp");
  const highlighted = slug ? await cachedStartingPoint(slug, locale) : null;
  if (slug && !highlighted) {
    const body = missingEmbedBody(
      { title: t("startingPointMissing"), more: t("moreModel", { site }) },
      `${origin}/starting-points`,
    );
    return embedResponse(
      embedDocument({ locale, title: `${t("startingPointMissing")} · ${site}`, body }),
      404,
    );
  }

  const title = highlighted ? highlighted.name : t("modelTitle");
  const body = modelEmbedBody(
    { startingPoints: model.startingPoints, counts: model.counts, highlight: highlighted?.slug ?? null },
    {
      title,
      intro: t("modelIntro", { count: model.stories }),
      countsHeading: t("countsHeading"),
      storyCount: (count) => t("storyCount", { count }),
      caption: t("caption"),
      noData: t("noData"),
      more: highlighted ? t("moreStartingPoint", { name: highlighted.name, site }) : t("moreModel", { site }),
    },
    highlighted ? `${origin}/starting-points/${highlighted.slug}` : `${origin}/starting-points`,
  );
  return embedResponse(embedDocument({ locale, title: `${title} · ${site}`, body }));
}
