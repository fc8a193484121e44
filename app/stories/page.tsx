import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/pagination";
import { StoriesLink, StoryBrowser, StoryResults } from "@/components/story-browser";
import { StoryFilterForm } from "@/components/story-filter-form";
import { StoryList } from "@/components/story-list";
import { getReaderLocale } from "@/lib/i18n/server";
import {
  cachedFacetCounts,
  cachedPublishedStories,
  cachedSearchSnippets,
  cachedStartingPoints,
  cachedStoryCount,
} from "@/lib/cache/reads";
import { LANGUAGES, ORGANISATION_TYPES } from "@/lib/constants/vocabulary";
import {
  activeFilterChips,
  effectiveSort,
  parseStoryListParams,
  toSearchParams,
  type FilterChip,
  type StorySearchParams,
} from "@/lib/stories/search-params";
import { COUNT_CAP } from "@/lib/stories/facets";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("stories");
  return { title: t("title"), alternates: { canonical: "/stories" } };
}

type Option = { value: string; label: string; count: number };

/** A chosen option no story has any more still shows, checked, so it can be unchecked. */
function withChosen(options: Option[], chosen: string[]): Option[] {
  const missing = chosen.filter((value) => !options.some((option) => option.value === value));
  return [...options, ...missing.map((value) => ({ value, label: value, count: 0 }))];
}

export default async function StoriesPage({ searchParams }: { searchParams: Promise<StorySearchParams> }) {
  const locale = await getReaderLocale();
  const [t, tFeeds, tTypes, tLanguages, format, startingPoints] = await Promise.all([
    getTranslations("stories"),
    getTranslations("feeds"),
    getTranslations("organisationTypes"),
    getTranslations("languages"),
    getFormatter(),
    cachedStartingPoints(locale),
  ]);
  const { sort, after, before, ...filters } = parseStoryListParams(
    await searchParams,
    startingPoints.map((sp) => sp.slug),
  );
  const [page, total, facets] = await Promise.all([
    cachedPublishedStories({ filters, sort, after, before, locale }),
    // Bounded at any size: past COUNT_CAP matches the page says "more than", and the filter
    // counts are taken among the newest COUNT_CAP matches (exact below that).
    cachedStoryCount(filters, { cap: COUNT_CAP }),
    cachedFacetCounts(filters, { sample: COUNT_CAP }),
  ]);
  const chips = activeFilterChips(filters);
  // Only an empty result asks what dropping each filter would give.
  const [snippets, withoutCounts] = await Promise.all([
    filters.q
      ? cachedSearchSnippets(
          page.items.map((story) => story.id),
          filters.q,
        )
      : undefined,
    total === 0 ? Promise.all(chips.map((chip) => cachedStoryCount(chip.without, { cap: COUNT_CAP }))) : [],
  ]);

  const day = (value: string) =>
    format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const authorNames = new Map(facets.authors.map((author) => [author.handle, author.name]));
  const chipLabel = (chip: FilterChip): string => {
    switch (chip.kind) {
      case "q":
        return t("chip_q", { value: chip.value });
      case "sp":
        return startingPoints.find((sp) => sp.slug === chip.value)?.name ?? chip.value;
      case "lang":
        return tLanguages(chip.value as (typeof LANGUAGES)[number]);
      case "type":
        return tTypes(chip.value as (typeof ORGANISATION_TYPES)[number]);
      case "author":
        return authorNames.get(chip.value) ?? chip.value;
      case "from":
      case "to":
        return t(`chip_${chip.kind}`, { value: day(chip.value) });
      default:
        return chip.value;
    }
  };
  const queryOf = (next: typeof filters) => toSearchParams({ ...next, sort }).toString();
  const current = toSearchParams({ ...filters, sort }).toString();
  const suggestions = chips
    .map((chip, i) => ({ chip, count: withoutCounts[i] ?? 0 }))
    .sort((a, b) => b.count - a.count);

  return (
    <PageMessages page="app/stories/page.tsx">
      <div className="space-y-8">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("title")}</h1>
          <p className="text-stone-700">{t("intro")}</p>
        </header>

        <StoryBrowser current={current}>
          <StoryFilterForm
            options={{
              startingPoints: startingPoints.map((sp) => ({
                value: sp.slug,
                label: sp.name,
                count: facets.startingPoints[sp.slug] ?? 0,
              })),
              languages: LANGUAGES.map((value) => ({
                value,
                label: tLanguages(value),
                count: facets.languages[value] ?? 0,
              })),
              organisationTypes: ORGANISATION_TYPES.map((value) => ({
                value,
                label: tTypes(value),
                count: facets.organisationTypes[value] ?? 0,
              })),
              tools: withChosen(
                facets.tools.map((tool) => ({ value: tool.value, label: tool.value, count: tool.count })),
                filters.tools,
              ),
              authors: withChosen(
                facets.authors.map((author) => ({
                  value: author.handle,
                  label: author.name,
                  count: author.count,
                })),
                filters.authors,
              ),
              years: facets.years,
            }}
          />

          <StoryResults label={t("resultsLabel")} updating={t("updating")}>
            <h2 className="text-xl font-semibold" data-result-count>
              {total > COUNT_CAP
                ? t("resultCountMore", { count: COUNT_CAP })
                : t("resultCount", { count: total })}
            </h2>
            {total > COUNT_CAP ? (
              <p className="text-sm text-stone-700">{t("facetsSampled", { count: COUNT_CAP })}</p>
            ) : null}
            {chips.length > 0 ? (
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="text-stone-700">{t("activeFilters")}:</span>
                <ul className="flex flex-wrap gap-2">
                  {chips.map((chip) => (
                    <li key={`${chip.kind}:${chip.value}`}>
                      <StoriesLink
                        query={queryOf(chip.without)}
                        aria-label={t("removeFilter", { label: chipLabel(chip) })}
                        className="inline-flex items-center gap-1 rounded-full border border-stone-300 bg-white px-3 py-0.5 text-stone-800 no-underline hover:bg-stone-100"
                      >
                        {chipLabel(chip)} <span aria-hidden="true">×</span>
                      </StoriesLink>
                    </li>
                  ))}
                </ul>
                <StoriesLink query="">{t("clearFilters")}</StoriesLink>
              </div>
            ) : null}
            {page.items.length > 0 ? (
              <StoryList stories={page.items} snippets={snippets} />
            ) : (
              <div className="rounded border border-dashed border-stone-300 bg-white p-6 text-stone-700">
                <p>{t("noResults")}</p>
                {suggestions.length > 0 ? (
                  <>
                    <p className="mt-2 text-sm">{t("noResultsHint")}</p>
                    <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
                      {suggestions.map(({ chip, count }) => (
                        <li key={`${chip.kind}:${chip.value}`}>
                          <StoriesLink query={queryOf(chip.without)}>
                            {count > COUNT_CAP
                              ? t("withoutFilterMore", { label: chipLabel(chip), count: COUNT_CAP })
                              : t("withoutFilter", { label: chipLabel(chip), count })}
                          </StoriesLink>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </div>
            )}
            <p className="text-sm">
              <a href="/stories/feed.xml">{tFeeds("subscribe")}</a>
            </p>
            <Pagination
              basePath="/stories"
              params={new URLSearchParams(current)}
              newer={page.newer}
              older={page.older}
              labels={effectiveSort(sort, filters.q) === "newest" ? "time" : "order"}
            />
          </StoryResults>
        </StoryBrowser>
      </div>
    </PageMessages>
  );
}
