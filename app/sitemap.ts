import type { MetadataRoute } from "next";
import { siteOrigin } from "@/lib/feeds/site-url";
import { cachedStartingPoints } from "@/lib/cache/reads";
import { sitemapStories } from "@/lib/stories/listing";

export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [origin, startingPoints, stories] = await Promise.all([
    siteOrigin(),
    cachedStartingPoints("en"),
    sitemapStories(),
  ]);
  return [
    { url: `${origin}/`, changeFrequency: "daily", priority: 1 },
    { url: `${origin}/stories`, changeFrequency: "hourly", priority: 0.9 },
    { url: `${origin}/starting-points`, changeFrequency: "daily", priority: 0.9 },
    ...startingPoints.map((sp) => ({
      url: `${origin}/starting-points/${sp.slug}`,
      changeFrequency: "daily" as const,
      priority: 0.8,
    })),
    ...stories.map((story) => ({
      url: `${origin}/stories/${story.slug}`,
      lastModified: story.updatedAt,
      priority: 0.7,
    })),
  ];
}
