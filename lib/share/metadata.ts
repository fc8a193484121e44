import type { Metadata } from "next";
import { openGraphLocale } from "./text";

type ShareFields = {
  title: string;
  description?: string;
  /** Path of the page (resolved against metadataBase). */
  url: string;
  siteName: string;
  /** Language the title and description are written in ("en", "nl"). */
  language: string;
  /** Open Graph locales the same URL is also shown in (pages that follow the reader's language). */
  alternateLocales?: string[];
  /**
   * False leaves the page without a share image even though its segment has an
   * opengraph-image file (a draft: its image route answers 404).
   */
  image?: boolean;
};

type ArticleFields = ShareFields & {
  type: "article";
  publishedTime?: Date | null;
  modifiedTime?: Date | null;
  tags?: string[];
};
type WebsiteFields = ShareFields & { type: "website" };

/**
 * Open Graph and Twitter card fields for a page with its own share image. A page's openGraph
 * replaces the layout's as a whole, so site name and locale are repeated here.
 */
export function shareMetadata(
  fields: ArticleFields | WebsiteFields,
): Pick<Metadata, "openGraph" | "twitter"> {
  const image = fields.image ?? true;
  const common = {
    title: fields.title,
    description: fields.description || undefined,
    url: fields.url,
    siteName: fields.siteName,
    locale: openGraphLocale(fields.language),
    alternateLocale: fields.alternateLocales,
    // An explicit (empty) list stops Next from adding the segment's opengraph-image.
    ...(image ? {} : { images: [] }),
  };
  const openGraph: Metadata["openGraph"] =
    fields.type === "article"
      ? {
          ...common,
          type: "article",
          publishedTime: fields.publishedTime?.toISOString(),
          modifiedTime: fields.modifiedTime?.toISOString(),
          tags: fields.tags,
        }
      : { ...common, type: "website" };
  return {
    openGraph,
    // Without images of its own, Next copies the Open Graph image into twitter:image.
    twitter: {
      card: image ? "summary_large_image" : "summary",
      title: fields.title,
      description: fields.description || undefined,
    },
  };
}
