import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FacetGroup } from "@/components/facet-group";
import { Pagination } from "@/components/pagination";
import { StoryList } from "@/components/story-list";
import { getReaderLocale } from "@/lib/i18n/server";
import { listStartingPoints } from "@/lib/starting-points/queries";
import { countPublishedStories, facetCounts, listPublishedStories, searchSnippets } from "@/lib/stories/queries";
import { LANGUAGES, ORGANISATION_TYPES } from "@/lib/stories/schema";
import { parseStoryListParams, QUERY_MAX, toSearchParams, type StorySearchParams } from "@/lib/stories/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("stories");
  return { title: t("title") };
}

export default async function StoriesPage({ searchParams }: { searchParams: Promise<StorySearchParams> }) {
  const locale = await getReaderLocale();
  const [t, tFeeds, startingPoints] = await Promise.all([getTranslations("stories"), getTranslations("feeds"), listStartingPoints(locale)]);
  const params = parseStoryListParams(
    await searchParams,
    startingPoints.map((sp) => sp.slug),
  );
  const filters = { q: params.q, startingPoints: params.startingPoints, languages: params.languages, organisationTypes: params.organisationTypes };
  const [page, total, facets, tTypes, tLanguages] = await Promise.all([
    listPublishedStories({ filters, after: params.after, before: params.before, locale }),
    countPublishedStories(filters),
    facetCounts(filters),
    getTranslations("organisationTypes"),
    getTranslations("languages"),
  ]);
  const snippets = filters.q ? await searchSnippets(page.items.map((story) => story.id), filters.q) : undefined;
  const filtered = Boolean(filters.q) || filters.startingPoints.length + filters.languages.length + filters.organisationTypes.length > 0;

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("intro")}</p>
      </header>

      <form method="get" action="/stories" role="search" className="space-y-4 rounded-lg border border-stone-200 bg-white p-5">
        <div>
          <label htmlFor="q" className="block font-medium">
            {t("searchLabel")}
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={filters.q ?? ""}
              maxLength={QUERY_MAX}
              placeholder={t("searchPlaceholder")}
              className="block w-full rounded border border-stone-400 px-3 py-2"
            />
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
              {t("searchButton")}
            </button>
          </div>
        </div>
        <FacetGroup
          legend={t("filterLegend")}
          hint={t("filterHint")}
          name="sp"
          options={startingPoints.map((sp) => ({ value: sp.slug, label: sp.name, count: facets.startingPoints[sp.slug] ?? 0 }))}
          selected={filters.startingPoints}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <FacetGroup
            legend={t("language")}
            name="lang"
            options={LANGUAGES.map((value) => ({ value, label: tLanguages(value), count: facets.languages[value] ?? 0 }))}
            selected={filters.languages}
          />
          <FacetGroup
            legend={t("organisationType")}
            name="type"
            options={ORGANISATION_TYPES.map((value) => ({ value, label: tTypes(value), count: facets.organisationTypes[value] ?? 0 }))}
            selected={filters.organisationTypes}
          />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">
            {t("applyFilters")}
          </button>
          {filtered ? <Link href="/stories">{t("clearFilters")}</Link> : null}
        </div>
      </form>

      <section aria-labelledby="results-heading" className="space-y-4">
        <h2 id="results-heading" className="text-xl font-semibold" aria-live="polite">
          {t("resultCount", { count: total })}
        </h2>
        {page.items.length > 0 ? (
          <StoryList stories={page.items} snippets={snippets} />
        ) : (
          <div className="rounded border border-dashed border-stone-300 bg-white p-6 text-stone-700">
            <p>{t("noResults")}</p>
            {filtered ? <p className="mt-1 text-sm">{t("noResultsHint")}</p> : null}
          </div>
        )}
        <p className="text-sm">
          <a href="/stories/feed.xml">{tFeeds("subscribe")}</a>
        </p>
        <Pagination basePath="/stories" params={toSearchParams(filters)} newer={page.newer} older={page.older} />
      </section>
    </div>
  );
}
