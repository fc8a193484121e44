import { LANGUAGES, ORGANISATION_TYPES } from "./schema";

/** Reads /stories' query string leniently: unknown or malformed parts are dropped, never an error. */
export const QUERY_MAX = 200;

export type StorySearchParams = Record<string, string | string[] | undefined>;

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function parseStoryListParams(params: StorySearchParams, knownStartingPoints: string[]) {
  const q = (first(params.q) ?? "").trim().slice(0, QUERY_MAX);
  const known = (values: string[], allowed: readonly string[]) => [...new Set(values)].filter((value) => allowed.includes(value));
  return {
    q: q || undefined,
    startingPoints: known(all(params.sp), knownStartingPoints),
    languages: known(all(params.lang), LANGUAGES),
    organisationTypes: known(all(params.type), ORGANISATION_TYPES),
    after: first(params.after) ?? null,
    before: first(params.before) ?? null,
  };
}

/** The same filters as a query string, for links that keep them. */
export function toSearchParams(filters: { q?: string; startingPoints: string[]; languages?: string[]; organisationTypes?: string[] }): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  for (const slug of filters.startingPoints) params.append("sp", slug);
  for (const language of filters.languages ?? []) params.append("lang", language);
  for (const type of filters.organisationTypes ?? []) params.append("type", type);
  return params;
}
