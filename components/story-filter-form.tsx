"use client";

import { useTranslations } from "next-intl";
import {
  useRef,
  useState,
  useSyncExternalStore,
  type ChangeEvent,
  type FocusEvent,
  type FormEvent,
  type KeyboardEvent,
} from "react";
import {
  effectiveSort,
  formQueryString,
  parseStoryListParams,
  QUERY_MAX,
  STORY_SORT_VALUES,
  toSearchParams,
} from "@/lib/stories/search-params";
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
  const tFeedback = useTranslations("feedback");
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
  // The sort on screen. Arrow keys on a closed select change it one option at a time: those
  // changes wait for Enter or for leaving the select, so passing "Most discussed" on the way to
  // another order does not load it. A choice from the opened list applies at once.
  const [sortChoice, setSortChoice] = useState<string>(sort);
  const [sortOf, setSortOf] = useState<string>(sort);
  if (sortOf !== sort) {
    setSortOf(sort);
    setSortChoice(sort);
  }
  const sortByKeyboard = useRef(false);
  const onSortKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key === "Enter") {
      sortByKeyboard.current = false;
      if (event.currentTarget.value !== sort) apply(event.currentTarget.form);
    } else if (event.key !== "Tab" && event.key !== "Shift") sortByKeyboard.current = true;
  };
  const onSortChange = (event: ChangeEvent<HTMLSelectElement>) => {
    setSortChoice(event.currentTarget.value);
    if (!sortByKeyboard.current) apply(event.currentTarget.form);
  };
  const onSortBlur = (event: FocusEvent<HTMLSelectElement>) => {
    sortByKeyboard.current = false;
    if (event.currentTarget.value !== sort) apply(event.currentTarget.form);
  };
  const onSortPointer = () => {
    sortByKeyboard.current = false;
  };
  const [filtersOpen, setFiltersOpen] = useState(false);
  // False in the server's HTML, true once the page runs its script.
  const enhanced = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );

  const apply = (form: HTMLFormElement | null) => {
    if (form) navigate(formQueryString(new FormData(form)));
  };
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    apply(event.currentTarget.form);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(event.currentTarget);
  };
  const onDateBlur = (event: FocusEvent<HTMLInputElement>) => {
    const current = event.currentTarget.name === "from" ? filters.from : filters.to;
    if ((event.currentTarget.value || undefined) !== current) apply(event.currentTarget.form);
  };
  const yearQuery = (year: number) =>
    toSearchParams({ ...filters, from: `${year}-01-01`, to: `${year}-12-31` }).toString();
  const activeCount =
    filters.startingPoints.length +
    filters.languages.length +
    filters.organisationTypes.length +
    filters.tools.length +
    filters.authors.length +
    (filters.from ? 1 : 0) +
    (filters.to ? 1 : 0);
  // Folded on a phone once the page runs its script (without it, everything stays in view).
  const folded = enhanced && !filtersOpen;
  const moreActive = filters.tools.length + filters.authors.length > 0 || Boolean(filters.from || filters.to);

  return (
    <form
      method="get"
      action="/stories"
      role="search"
      onSubmit={onSubmit}
      className="space-y-5 rounded-lg border border-stone-200 bg-white p-5"
    >
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
            <button
              type="submit"
              className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
            >
              {t("searchButton")}
            </button>
          </div>
        </div>
        <div>
          <label htmlFor="sort" className="block font-medium">
            {t("sortLabel")}
          </label>
          <select
            id="sort"
            name="sort"
            value={sortChoice}
            onChange={onSortChange}
            onKeyDown={onSortKeyDown}
            onBlur={onSortBlur}
            onPointerDown={onSortPointer}
            className="mt-1 block rounded border border-stone-400 bg-white px-3 py-2"
          >
            {STORY_SORT_VALUES.map((value) => (
              // Best match only means something for a search.
              <option key={value} value={value} disabled={value === "relevance" && !filters.q}>
                {value === "relevance" && !filters.q ? t("sortRelevanceNeedsWords") : t(`sort_${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {enhanced ? (
        <button
          type="button"
          aria-expanded={filtersOpen}
          aria-controls="story-filters"
          onClick={() => setFiltersOpen((open) => !open)}
          className="rounded border border-stone-400 bg-white px-4 py-2 font-medium hover:bg-stone-100 sm:hidden"
        >
          {tFeedback("filters", { count: activeCount })}
        </button>
      ) : null}
      <div id="story-filters" className={`space-y-5 ${folded ? "max-sm:hidden" : ""}`}>
        <FacetGroup
          legend={t("filterLegend")}
          hint={t("filterHint")}
          name="sp"
          options={options.startingPoints}
          selected={filters.startingPoints}
          onChange={onChange}
        >
          <fieldset className="mt-3 text-sm">
            <legend className="float-left mr-4">{t("matchLegend")}</legend>
            {(["all", "any"] as const).map((mode) => (
              <label key={mode} className="mr-4 inline-flex min-h-6 items-center gap-1.5">
                <input
                  type="radio"
                  name="match"
                  value={mode}
                  checked={filters.startingPointMode === mode}
                  onChange={onChange}
                  className="size-6"
                />
                {mode === "all" ? t("matchAll") : t("matchAny")}
              </label>
            ))}
          </fieldset>
        </FacetGroup>

        <div className="grid gap-4 sm:grid-cols-2">
          <FacetGroup
            legend={t("language")}
            name="lang"
            options={options.languages}
            selected={filters.languages}
            onChange={onChange}
          />
          <FacetGroup
            legend={t("organisationType")}
            name="type"
            options={options.organisationTypes}
            selected={filters.organisationTypes}
            onChange={onChange}
          />
        </div>

        <details open={moreActive || undefined} className="group rounded border border-stone-200 p-4">
          <summary className="cursor-pointer font-medium">{t("moreFilters")}</summary>
          <div className="mt-4 space-y-5">
            {options.tools.length > 0 ? (
              <FacetGroup
                legend={t("toolsLegend")}
                hint={t("toolsHint")}
                name="tool"
                options={options.tools}
                selected={filters.tools}
                onChange={onChange}
              />
            ) : null}
            {options.authors.length > 0 ? (
              <FacetGroup
                legend={t("authorsLegend")}
                name="author"
                options={options.authors}
                selected={filters.authors}
                onChange={onChange}
              />
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
                <p className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
                  <span>{t("yearsLabel")}:</span>
                  {options.years.map(({ year, count }) => (
                    <StoriesLink
                      key={year}
                      query={yearQuery(year)}
                      className="inline-flex min-h-6 items-center"
                    >
                      {t("yearLink", { year: String(year), count })}
                    </StoriesLink>
                  ))}
                </p>
              ) : null}
            </fieldset>
          </div>
        </details>
      </div>

      {/* With JavaScript every change applies itself; the button is for pages without it. */}
      {enhanced ? null : (
        <button
          type="submit"
          className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
        >
          {t("applyFilters")}
        </button>
      )}
    </form>
  );
}
