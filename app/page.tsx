import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StartingPointCard } from "@/components/starting-point-card";
import { StoryList } from "@/components/story-list";
import { getReaderLocale } from "@/lib/i18n/server";
import { cachedPublishedStories, cachedStartingPoints } from "@/lib/cache/reads";

export default async function HomePage() {
  const locale = await getReaderLocale();
  const [t, startingPoints, latest] = await Promise.all([
    getTranslations("home"),
    cachedStartingPoints(locale),
    cachedPublishedStories({ locale, limit: 6 }),
  ]);

  return (
    <div className="space-y-12">
      <section className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-stone-900 sm:text-4xl">{t("title")}</h1>
        <p className="max-w-3xl text-lg text-stone-700">{t("intro")}</p>
        <p className="max-w-3xl text-stone-700">{t("socialTechnology")}</p>
        <div className="flex flex-wrap gap-3">
          <Link
            href="/stories/new"
            className="rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
          >
            {t("shareCta")}
          </Link>
          <Link
            href="/stories"
            className="rounded border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 no-underline hover:bg-stone-100 hover:no-underline"
          >
            {t("browseCta")}
          </Link>
        </div>
      </section>

      <section aria-labelledby="starting-points-heading" className="space-y-4">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="starting-points-heading" className="text-2xl font-semibold">
            {t("startingPointsHeading")}
          </h2>
          <Link href="/starting-points">{t("aboutModel")}</Link>
        </div>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {startingPoints.map((sp) => (
            <li key={sp.slug}>
              <StartingPointCard startingPoint={sp} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="latest-heading" className="space-y-4">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="latest-heading" className="text-2xl font-semibold">
            {t("latestHeading")}
          </h2>
          <Link href="/stories">{t("allStories")}</Link>
        </div>
        <StoryList stories={latest.items} />
      </section>
    </div>
  );
}
