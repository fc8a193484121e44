"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore, type ChangeEvent, type FocusEvent, type FormEvent } from "react";
import { effectiveSort, formQueryString, parseStoryListParams, QUERY_MAX, STORY_SORT_VALUES, toSearchParams } from "@/lib/stories/search-params";
import { FacetGroup } from "./facet-group";
import { StoriesLink, useStoryBrowser } from "./story-browser";

type Option = { value: string; label: string; count: number };

export type StoryFilterOptions = {
  startingPoints: Option[];
  languages: Option[];
  organisationTypes: Option[];
  tools: Option[];
  authors: Option[];
  years: { year: number; count: number }[];
};

const subscribeToNothing = () => () => {};

function recordOf(query: string): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) (record[key] ??= []).push(value);
  return record;
}

/**
 * The search and filter form of /stories. A plain GET form that works without JavaScript; with
 * it, every choice updates the results at once (the search words on Enter, dates when left).
 */
export function StoryFilterForm({ options }: { options: StoryFilterOptions }) {
  const t = useTranslations("stories");
  const { shown, navigate } = useStoryBrowser();
  const filters = parseStoryListParams(
    recordOf(shown),
    options.startingPoints.map((option) => option.value),
  );
  const sort = effectiveSort(filters.sort, filters.q);
  const [words, setWords] = useState(filters.q ?? "");
  const [wordsOf, setWordsOf] = useState(filters.q);
  // Back and Forward change the words on screen too.
  if (wordsOf !== filters.q) {
    setWordsOf(filters.q);
    setWords(filters.q ?? "");
  }
  // False in the server's HTML, true once the page runs its script.
  const enhanced = useSyncExternalStore(subscribeToNothing, () => true, () => false);

  const apply = (form: HTMLFormElement | null) => {
    if (form) navigate(formQueryString(new FormData(form)));
  };
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => apply(event.currentTarget.form);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(event.currentTarget);
  };
  const onDateBlur = (event: FocusEvent<HTMLInputElement>) => {
    const current = event.currentTarget.name === "from" ? filters.from : filters.to;
    if ((event.currentTarget.value || undefined) !== current) apply(event.currentTarget.form);
  };
  const yearQuery = (year: number) => toSearchParams({ ...filters, from: `${year}-01-01`, to: `${year}-12-31` }).toString();
  const moreActive = filters.tools.length + filters.authors.length > 0 || Boolean(filters.from || filters.to);

  return (
    <form method="get" action="/stories" role="search" onSubmit={onSubmit} className="space-y-5 rounded-lg border border-stone-200 bg-white p-5">
      <div className="flex flex-wrap items-end gap-4">
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="block font-medium">
            {t("searchLabel")}
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="q"
              name="q"
              type="search"
              value={words}
              onChange={(event) => setWords(event.currentTarget.value)}
              maxLength={QUERY_MAX}
              placeholder={t("searchPlaceholder")}
              className="block w-full rounded border border-stone-400 px-3 py-2"
            />
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
              {t("searchButton")}
            </button>
          </div>
        </div>
        <div>
          <label htmlFor="sort" className="block font-medium">
            {t("sortLabel")}
          </label>
          <select id="sort" name="sort" value={sort} onChange={onChange} className="mt-1 block rounded border border-stone-400 bg-white px-3 py-2">
            {STORY_SORT_VALUES.map((value) => (
              // Best match only means something for a search.
              <option key={value} value={value} disabled={value === "relevance" && !filters.q}>
                {value === "relevance" && !filters.q ? t("sortRelevanceNeedsWords") : t(`sort_${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <FacetGroup legend={t("filterLegend")} hint={t("filterHint")} name="sp" options={options.startingPoints} selected={filters.startingPoints} onChange={onChange}>
        <fieldset className="mt-3 text-sm">
          <legend className="float-left mr-4">{t("matchLegend")}</legend>
          {(["all", "any"] as const).map((mode) => (
            <label key={mode} className="mr-4 inline-flex items-center gap-1.5">
              <input type="radio" name="match" value={mode} checked={filters.startingPointMode === mode} onChange={onChange} className="size-4" />
              {mode === "all" ? t("matchAll") : t("matchAny")}
            </label>
          ))}
        </fieldset>
      </FacetGroup>

      <div className="grid gap-4 sm:grid-cols-2">
        <FacetGroup legend={t("language")} name="lang" options={options.languages} selected={filters.languages} onChange={onChange} />
        <FacetGroup legend={t("organisationType")} name="type" options={options.organisationTypes} selected={filters.organisationTypes} onChange={onChange} />
      </div>

      <details open={moreActive || undefined} className="group rounded border border-stone-200 p-4">
        <summary className="cursor-pointer font-medium">{t("moreFilters")}</summary>
        <div className="mt-4 space-y-5">
          {options.tools.length > 0 ? (
            <FacetGroup legend={t("toolsLegend")} hint={t("toolsHint")} name="tool" options={options.tools} selected={filters.tools} onChange={onChange} />
          ) : null}
          {options.authors.length > 0 ? (
            <FacetGroup legend={t("authorsLegend")} name="author" options={options.authors} selected={filters.authors} onChange={onChange} />
          ) : null}
          <fieldset>
            <legend className="font-medium">{t("dateLegend")}</legend>
            <div className="mt-2 flex flex-wrap gap-4">
              {(["from", "to"] as const).map((name) => (
                <div key={name}>
                  <label htmlFor={`date-${name}`} className="block text-sm">
                    {name === "from" ? t("fromLabel") : t("toLabel")}
                  </label>
                  <input
                    // Uncontrolled while typing; a new value from the URL starts it afresh.
                    key={filters[name] ?? ""}
                    id={`date-${name}`}
                    name={name}
                    type="date"
                    defaultValue={filters[name] ?? ""}
                    onBlur={onDateBlur}
                    className="mt-1 block rounded border border-stone-400 px-3 py-1.5"
                  />
                </div>
              ))}
            </div>
            {options.years.length > 0 ? (
              <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                <span>{t("yearsLabel")}:</span>
                {options.years.map(({ year, count }) => (
                  <StoriesLink key={year} query={yearQuery(year)}>
                    {t("yearLink", { year: String(year), count })}
                  </StoriesLink>
                ))}
              </p>
            ) : null}
          </fieldset>
        </div>
      </details>

      {/* With JavaScript every change applies itself; the button is for pages without it. */}
      {enhanced ? null : (
        <button type="submit" className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">
          {t("applyFilters")}
        </button>
      )}
    </form>
  );
}
