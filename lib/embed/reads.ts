import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import type { Locale } from "@/lib/i18n/locales";
import { CACHE_TAGS } from "@/lib/cache/tags";
import { modelCounts } from "./queries";

/*
 * The embeds' own cached read (decision 024's rules): the model's counts change with any story's
 * tags or state, which drop `stories` and `starting-points`. The story card reads
 * lib/cache/reads.ts `cachedStory`, like the story page.
 */
export async function cachedModelCounts(locale: Locale) {
  "use cache";
  cacheLife({ revalidate: 3600, expire: 86_400 });
  cacheTag(CACHE_TAGS.content, CACHE_TAGS.stories, CACHE_TAGS.startingPoints);
  return modelCounts(locale);
}
