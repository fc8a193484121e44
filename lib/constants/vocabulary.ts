/*
 * The fixed lists a story chooses from. Plain constants, without zod or drizzle, so the
 * database schema, the validation schema and the filters in the browser can all import them
 * without pulling a validation library into every page.
 */
export const ORGANISATION_TYPES = [
  "company",
  "government",
  "healthcare",
  "education",
  "non-profit",
  "network",
  "other",
] as const;
export const LANGUAGES = ["en", "nl"] as const;
