import "server-only";
import { z } from "zod";
import { siteOrigin } from "@/lib/feeds/site-url";
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { hitRule } from "@/lib/rate-limit/limits";
import {
  cachedPublishedStories,
  cachedRelatedStories,
  cachedStartingPoints,
  cachedStory,
  cachedStoryCount,
} from "@/lib/cache/reads";
import { readStoryCursor } from "@/lib/stories/listing";
import { type StoryCard } from "@/lib/stories/cards";
import { effectiveSort } from "@/lib/stories/search-params";
import { cachedTranslations } from "@/lib/stories/translation-reads";
import { apiJson, apiProblem, apiTooManyRequests, queryObject } from "./http";
import {
  relatedStoriesResponse,
  startingPointsResponse,
  storyListQuery,
  storyListResponse,
  storyResource,
} from "./schemas";

function summaryOf(story: StoryCard, origin: string) {
  return {
    slug: story.slug,
    url: `${origin}/stories/${story.slug}`,
    title: story.title,
    organisation: story.organisation,
    organisationType: story.organisationType,
    language: story.language,
    summary: story.summary,
    startingPoints: story.startingPoints.map((sp) => sp.slug),
    author: story.author ? { ...story.author, url: `${origin}/members/${story.author.handle}` } : null,
    publishedAt: (story.publishedAt ?? story.updatedAt).toISOString(),
    updatedAt: story.updatedAt.toISOString(),
    commentCount: story.commentCount,
    recognitionCount: story.recognitionCount,
    isExample: story.isExample,
  } as z.input<typeof storyListResponse>["data"][number];
}

/** Counts the request against the address's limit (apiPerIp); the 429 response when over it. */
async function overLimit(request: Request): Promise<Response | null> {
  const result = await hitRule("apiPerIp", `ip:${clientIpFrom(request.headers)}`);
  return result.ok ? null : apiTooManyRequests(result.retryAfterSeconds);
}

export async function storiesEndpoint(request: Request): Promise<Response> {
  const limited = await overLimit(request);
  if (limited) return limited;
  const parsed = storyListQuery.safeParse(queryObject(new URL(request.url)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const parameter = String(issue.path[0] ?? "");
    return apiProblem(400, `Invalid value for "${parameter}": ${issue.message}`, parameter);
  }
  const query = parsed.data;
  const known = (await cachedStartingPoints("en")).map((sp) => sp.slug);
  const unknown = (query.sp ?? []).find((slug) => !known.includes(slug));
  if (unknown)
    return apiProblem(
      400,
      `Invalid value for "sp": unknown starting point "${unknown}" (known: ${known.join(", ")}).`,
      "sp",
    );
  const q = query.q || undefined;
  const sort = effectiveSort(query.sort, q);
  for (const key of ["after", "before"] as const) {
    if (query[key] && !readStoryCursor(query[key], sort))
      return apiProblem(400, `"${key}" is not a cursor returned by this API for sort "${sort}".`, key);
  }

  const filters = {
    q,
    startingPoints: query.sp ?? [],
    startingPointMode: query.match,
    languages: query.lang ?? [],
    organisationTypes: query.type ?? [],
    tools: query.tool ?? [],
    authors: query.author ?? [],
    from: query.from,
    to: query.to,
  };
  const [origin, page, total] = await Promise.all([
    siteOrigin(),
    cachedPublishedStories({
      filters,
      sort,
      after: query.after,
      before: query.before,
      limit: query.limit,
      locale: "en",
    }),
    cachedStoryCount(filters),
  ]);
  return apiJson(request, storyListResponse, {
    data: page.items.map((story) => summaryOf(story, origin)),
    total,
    next: page.older,
    previous: page.newer,
  });
}

export async function storyEndpoint(request: Request, slug: string): Promise<Response> {
  const limited = await overLimit(request);
  if (limited) return limited;
  const story = await cachedStory(slug, "en");
  // Drafts do not exist for the API.
  if (!story || story.status !== "published") return apiProblem(404, `No published story "${slug}".`);
  const [origin, translations] = await Promise.all([siteOrigin(), cachedTranslations(story.id)]);
  return apiJson(request, storyResource, {
    ...summaryOf(story, origin),
    body: story.body,
    bodyHtml: story.html,
    trigger: story.trigger,
    tools: story.tools,
    translations: translations.map((translation) => ({
      language: translation.language,
      title: translation.title,
      summary: translation.summary,
      body: translation.body,
      bodyHtml: translation.html,
      trigger: translation.trigger,
      updatedAt: translation.updatedAt.toISOString(),
    })),
  });
}

export async function relatedStoriesEndpoint(request: Request, slug: string): Promise<Response> {
  const limited = await overLimit(request);
  if (limited) return limited;
  const story = await cachedStory(slug, "en");
  if (!story || story.status !== "published") return apiProblem(404, `No published story "${slug}".`);
  const [origin, related] = await Promise.all([siteOrigin(), cachedRelatedStories(story.id, "en")]);
  return apiJson(request, relatedStoriesResponse, {
    data: related.map((r) => ({
      slug: r.slug,
      url: `${origin}/stories/${r.slug}`,
      title: r.title,
      organisation: r.organisation,
      language: r.language as z.input<typeof relatedStoriesResponse>["data"][number]["language"],
      summary: r.summary,
      startingPoints: r.startingPoints.map((sp) => sp.slug),
      publishedAt: r.publishedAt.toISOString(),
    })),
  });
}

export async function startingPointsEndpoint(request: Request): Promise<Response> {
  const limited = await overLimit(request);
  if (limited) return limited;
  const [en, nl] = await Promise.all([cachedStartingPoints("en"), cachedStartingPoints("nl")]);
  return apiJson(request, startingPointsResponse, {
    data: en.map((sp, i) => ({
      slug: sp.slug,
      position: sp.position,
      name: { en: sp.name, nl: nl[i].name },
      tagline: { en: sp.tagline, nl: nl[i].tagline },
      description: { en: sp.description, nl: nl[i].description },
      storyCount: sp.storyCount,
    })),
  });
}
