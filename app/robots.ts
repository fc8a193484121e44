import type { MetadataRoute } from "next";
import { siteOrigin } from "@/lib/feeds/site-url";

export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = await siteOrigin();
  return {
    // Forms and personal pages are of no use in a search index.
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: ["/api/", "/signin", "/signup", "/stories/new", "/stories/*/edit"],
    },
    sitemap: `${origin}/sitemap.xml`,
  };
}
