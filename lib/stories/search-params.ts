import { LANGUAGES, ORGANISATION_TYPES } from "../constants/vocabulary";

/** Reads /stories' query string leniently: unknown or malformed parts are dropped, never an error. */
export const QUERY_MAX = 200;
/** Tools and handles are short; longer values cannot match and are dropped. */
const VALUE_MAX = 80;
const VALUES_MAX = 20;

export const STORY_SORT_VALUES = ["newest", "discussed", "recognised", "relevance"] as const;
export type StorySortValue = (typeof STORY_SORT_VALUES)[number];

export type StorySearchParams = Record<string, string | string[] | undefined>;

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A calendar day as YYYY-MM-DD that exists (no 31 February). */
export function isDay(value: string | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export type StoryListFilters = {
  q?: string;
  startingPoints: string[];
  startingPointMode: "all" | "any";
  languages: string[];
  organisationTypes: string[];
  tools: string[];
  authors: string[];
  from?: string;
  to?: string;
};

export type StoryListParams = StoryListFilters & {
  sort?: StorySortValue;
  after: string | null;
  before: string | null;
};

export function parseStoryListParams(
  params: StorySearchParams,
  knownStartingPoints: string[],
): StoryListParams {
  const q = (first(params.q) ?? "").trim().slice(0, QUERY_MAX);
  const known = (values: string[], allowed: readonly string[]) =>
    [...new Set(values)].filter((value) => allowed.includes(value));
  const free = (values: string[]) =>
    [...new Set(values.map((v) => v.trim()).filter((v) => v && v.length <= VALUE_MAX))].slice(0, VALUES_MAX);
  const sort = first(params.sort);
  const from = first(params.from);
  const to = first(params.to);
  return {
    q: q || undefined,
    startingPoints: known(all(params.sp), knownStartingPoints),
    startingPointMode: first(params.match) === "any" ? "any" : "all",
    languages: known(all(params.lang), LANGUAGES),
    organisationTypes: known(all(params.type), ORGANISATION_TYPES),
    tools: free(all(params.tool)),
    authors: free(all(params.author)),
    from: isDay(from) ? from : undefined,
    to: isDay(to) ? to : undefined,
    sort: STORY_SORT_VALUES.find((value) => value === sort),
    after: first(params.after) ?? null,
    before: first(params.before) ?? null,
  };
}

/** The same filters (and sort) as a query string, for links that keep them. */
export function toSearchParams(
  filters: Partial<StoryListFilters> & { sort?: StorySortValue },
): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  for (const slug of filters.startingPoints ?? []) params.append("sp", slug);
  if (filters.startingPointMode === "any") params.set("match", "any");
  for (const language of filters.languages ?? []) params.append("lang", language);
  for (const type of filters.organisationTypes ?? []) params.append("type", type);
  for (const tool of filters.tools ?? []) params.append("tool", tool);
  for (const author of filters.authors ?? []) params.append("author", author);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.sort) params.set("sort", filters.sort);
  return params;
}

export type FilterChip = {
  kind: "q" | "sp" | "lang" | "type" | "tool" | "author" | "from" | "to";
  value: string;
  /** The same filters with this one dropped. */
  without: StoryListFilters;
};

/** Each active filter on its own, with the filters that remain when it is dropped. */
export function activeFilterChips(filters: StoryListFilters): FilterChip[] {
  const chips: FilterChip[] = [];
  const drop = (
    key: "startingPoints" | "languages" | "organisationTypes" | "tools" | "authors",
    value: string,
  ): StoryListFilters => ({
    ...filters,
    [key]: filters[key].filter((v) => v !== value),
  });
  if (filters.q) chips.push({ kind: "q", value: filters.q, without: { ...filters, q: undefined } });
  for (const v of filters.startingPoints)
    chips.push({ kind: "sp", value: v, without: drop("startingPoints", v) });
  for (const v of filters.languages) chips.push({ kind: "lang", value: v, without: drop("languages", v) });
  for (const v of filters.organisationTypes)
    chips.push({ kind: "type", value: v, without: drop("organisationTypes", v) });
  for (const v of filters.tools) chips.push({ kind: "tool", value: v, without: drop("tools", v) });
  for (const v of filters.authors) chips.push({ kind: "author", value: v, without: drop("authors", v) });
  if (filters.from)
    chips.push({ kind: "from", value: filters.from, without: { ...filters, from: undefined } });
  if (filters.to) chips.push({ kind: "to", value: filters.to, without: { ...filters, to: undefined } });
  return chips;
}

/**
 * The query string a filter form's current values stand for, without empty fields and
 * defaults, so a URL built from the form reads like one built by a link.
 */
export function formQueryString(data: FormData): string {
  const text = (key: string) => {
    const value = data.get(key);
    return typeof value === "string" ? value.trim() : "";
  };
  const values = (key: string) =>
    data.getAll(key).filter((v): v is string => typeof v === "string" && v !== "");
  const q = text("q");
  const sort = STORY_SORT_VALUES.find((value) => value === text("sort"));
  const params = toSearchParams({
    q,
    startingPoints: values("sp"),
    startingPointMode: text("match") === "any" ? "any" : "all",
    languages: values("lang"),
    organisationTypes: values("type"),
    tools: values("tool"),
    authors: values("author"),
    from: isDay(text("from")) ? text("from") : undefined,
    to: isDay(text("to")) ? text("to") : undefined,
    // The default order for the words (or their absence) needs no parameter.
    sort: sort === defaultSort(q) ? undefined : sort,
  });
  return params.toString();
}

export function defaultSort(q: string | undefined): StorySortValue {
  return q ? "relevance" : "newest";
}

/** Best match needs words to match; without a search it falls back to newest. */
export function effectiveSort(sort: StorySortValue | undefined, q: string | undefined): StorySortValue {
  if (sort === "relevance" && !q) return "newest";
  return sort ?? defaultSort(q);
}
