import { z } from "zod";
import { isDay, QUERY_MAX, STORY_SORT_VALUES } from "@/lib/stories/search-params";
import { LANGUAGES, ORGANISATION_TYPES } from "@/lib/constants/vocabulary";

/*
 * The read API's contract: every response is built from these schemas and checked against
 * them, and /api/v1/openapi.json is generated from them. Field names are stable; add fields,
 * never rename them.
 */

export const API_PAGE_MAX = 50;

const localized = z
  .object({ en: z.string(), nl: z.string() })
  .meta({ description: "The same text in English and Dutch." });

export const startingPointResource = z
  .object({
    slug: z.string(),
    position: z.number().int(),
    name: localized,
    tagline: localized,
    description: localized,
    storyCount: z.number().int().meta({ description: "Published stories tagged with it." }),
  })
  .meta({ id: "StartingPoint" });

export const startingPointsResponse = z
  .object({ data: z.array(startingPointResource) })
  .meta({ id: "StartingPointList" });

const author = z
  .object({ name: z.string(), handle: z.string(), url: z.string() })
  .nullable()
  .meta({ description: "Null for a former member." });

export const storySummaryResource = z
  .object({
    slug: z.string(),
    url: z.string().meta({ description: "The story's page." }),
    title: z.string(),
    organisation: z.string(),
    organisationType: z.enum(ORGANISATION_TYPES),
    language: z.enum(LANGUAGES),
    summary: z.string(),
    startingPoints: z
      .array(z.string())
      .meta({ description: "Slugs of the starting points the author tagged." }),
    author,
    publishedAt: z.string().meta({ format: "date-time" }),
    updatedAt: z.string().meta({ format: "date-time" }),
    commentCount: z.number().int(),
    recognitionCount: z
      .number()
      .int()
      .meta({ description: "Readers who recognise at least one starting point in the story." }),
    isExample: z.boolean().meta({ description: "One of the ten example stories from the book." }),
  })
  .meta({ id: "StorySummary" });

export const storyListResponse = z
  .object({
    data: z.array(storySummaryResource),
    total: z.number().int().meta({ description: "All stories matching the filters." }),
    next: z
      .string()
      .nullable()
      .meta({ description: "Cursor for the next (older) page: pass it as `after`." }),
    previous: z
      .string()
      .nullable()
      .meta({ description: "Cursor for the previous (newer) page: pass it as `before`." }),
  })
  .meta({ id: "StoryList" });

export const storyResource = storySummaryResource
  .extend({
    body: z.string().meta({ description: "The story in Markdown, as written." }),
    bodyHtml: z.string().meta({ description: "The story rendered to sanitised HTML." }),
    trigger: z.string(),
    tools: z.array(z.string()),
    translations: z
      .array(
        z.object({
          language: z.enum(LANGUAGES),
          title: z.string(),
          summary: z.string(),
          body: z.string().meta({ description: "The translation in Markdown, as written." }),
          bodyHtml: z.string().meta({ description: "The translation rendered to sanitised HTML." }),
          trigger: z.string(),
          updatedAt: z.string().meta({ format: "date-time" }),
        }),
      )
      .meta({
        description:
          "The author's translations of the story into the other language; `language` is the original's.",
      }),
  })
  .meta({ id: "Story" });

export const relatedStoryResource = z
  .object({
    slug: z.string(),
    url: z.string().meta({ description: "The story's page." }),
    title: z.string(),
    organisation: z.string(),
    language: z.enum(LANGUAGES),
    summary: z.string(),
    startingPoints: z
      .array(z.string())
      .meta({ description: "Slugs of the starting points the author tagged." }),
    publishedAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "RelatedStory" });

export const relatedStoriesResponse = z
  .object({
    data: z.array(relatedStoryResource).max(5).meta({
      description:
        "Up to five published stories alike in text and starting points, in either language, most related first.",
    }),
  })
  .meta({ id: "RelatedStoryList" });

export const apiError = z
  .object({
    error: z.object({
      code: z.enum(["bad_request", "not_found", "too_many_requests", "internal_error"]),
      message: z.string(),
      parameter: z.string().optional().meta({ description: "The query parameter at fault." }),
    }),
  })
  .meta({ id: "Error" });

const day = z.string().refine(isDay, { message: "Expected a date as YYYY-MM-DD." });

const many = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]));

/** Query parameters of GET /api/v1/stories, the same as the /stories page's. */
export const storyListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(QUERY_MAX)
    .optional()
    .meta({ description: "Full-text search (websearch syntax)." }),
  sp: many.optional().meta({ description: "Starting point slug; repeat for several (see `match`)." }),
  match: z
    .enum(["all", "any"])
    .default("all")
    .meta({ description: "With several `sp`: stories carrying all of them (default) or any of them." }),
  lang: many
    .pipe(z.array(z.enum(LANGUAGES)))
    .optional()
    .meta({ description: "Language; repeat for any of several." }),
  type: many
    .pipe(z.array(z.enum(ORGANISATION_TYPES)))
    .optional()
    .meta({ description: "Organisation type; repeat for any of several." }),
  tool: many
    .pipe(z.array(z.string().trim().min(1).max(80)))
    .optional()
    .meta({ description: "A tool as written in stories; repeat for any of several." }),
  author: many
    .pipe(z.array(z.string().trim().min(1).max(80)))
    .optional()
    .meta({ description: "A member's handle; repeat for any of several." }),
  from: day.optional().meta({ description: "Published on or after this day (YYYY-MM-DD, UTC)." }),
  to: day.optional().meta({ description: "Published on or before this day (YYYY-MM-DD, UTC)." }),
  sort: z.enum(STORY_SORT_VALUES).optional().meta({
    description:
      "newest, discussed (most comments), recognised (most readers recognising it) or relevance (best match; the default with `q`).",
  }),
  after: z.string().max(300).optional().meta({ description: "Cursor from `next`." }),
  before: z.string().max(300).optional().meta({ description: "Cursor from `previous`." }),
  limit: z.coerce.number().int().min(1).max(API_PAGE_MAX).default(12),
});
