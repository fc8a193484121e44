import { isLocale, type Locale } from "@/lib/i18n/locales";

/*
 * oEmbed (https://oembed.com): which of our pages can be embedded, and the iframe that embeds
 * them. Pure, so the unit tests and the share control use the same code as /oembed.
 */

export const EMBED_SIZES = {
  model: { width: 560, height: 500 },
  story: { width: 480, height: 300 },
} as const;

/** Seconds a consumer may keep our answer (oEmbed `cache_age`); the frame itself is always live. */
export const OEMBED_CACHE_AGE = 3600;

export type EmbedTarget =
  | { kind: "model"; lang: Locale | null }
  | { kind: "startingPoint"; slug: string; lang: Locale | null }
  | { kind: "story"; slug: string; lang: Locale | null };

const SLUG = "([a-z0-9]+(?:-[a-z0-9]+)*)";
const PAGES: { pattern: RegExp; target: (slug: string, lang: Locale | null) => EmbedTarget }[] = [
  { pattern: /^\/starting-points\/?$/, target: (_, lang) => ({ kind: "model", lang }) },
  {
    pattern: new RegExp(`^/starting-points/${SLUG}/?$`),
    target: (slug, lang) => ({ kind: "startingPoint", slug, lang }),
  },
  { pattern: new RegExp(`^/stories/${SLUG}/?$`), target: (slug, lang) => ({ kind: "story", slug, lang }) },
];

/**
 * The page a pasted URL names, if it is one of ours that can be embedded: the model, a starting
 * point or a story, on this site's origin (SITE_URL, or the host the request came in on).
 * Anything else, including another site's address with our path, is null (404).
 */
export function embedTargetOf(url: string, origin: string): EmbedTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== new URL(origin).origin || parsed.username || parsed.password) return null;
  const lang = parsed.searchParams.get("lang");
  const chosen = isLocale(lang) ? lang : null;
  for (const { pattern, target } of PAGES) {
    const match = pattern.exec(parsed.pathname);
    if (match) return target(match[1] ?? "", chosen);
  }
  return null;
}

/** The page's address and the embed that shows it. */
export function embedUrls(target: EmbedTarget, origin: string): { page: string; embed: string } {
  const lang = target.lang ? `lang=${target.lang}` : "";
  const query = (...parts: string[]) => (parts.some(Boolean) ? `?${parts.filter(Boolean).join("&")}` : "");
  switch (target.kind) {
    case "model":
      return { page: `${origin}/starting-points`, embed: `${origin}/embed/model${query(lang)}` };
    case "startingPoint":
      return {
        page: `${origin}/starting-points/${target.slug}`,
        embed: `${origin}/embed/model${query(`sp=${target.slug}`, lang)}`,
      };
    case "story":
      return {
        page: `${origin}/stories/${target.slug}`,
        embed: `${origin}/embed/stories/${target.slug}${query(lang)}`,
      };
  }
}

function attribute(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The snippet to paste: a lazy, borderless iframe with a title for screen readers. */
export function iframeHtml({
  src,
  width,
  height,
  title,
}: {
  src: string;
  width: number;
  height: number;
  title: string;
}): string {
  return `<iframe src="${attribute(src)}" width="${width}" height="${height}" title="${attribute(title)}" loading="lazy" style="border:0;max-width:100%"></iframe>`;
}

/** A size within what the consumer allows (`maxwidth`, `maxheight`), never larger than ours. */
export function fitSize(
  size: { width: number; height: number },
  maxWidth: string | null,
  maxHeight: string | null,
) {
  const limit = (value: number, max: string | null) => {
    const n = Number(max);
    return max !== null && Number.isSafeInteger(n) && n > 0 ? Math.min(value, n) : value;
  };
  return { width: limit(size.width, maxWidth), height: limit(size.height, maxHeight) };
}

export type OEmbedResponse = {
  version: "1.0";
  type: "rich";
  provider_name: string;
  provider_url: string;
  title: string;
  author_name?: string;
  author_url?: string;
  cache_age: number;
  width: number;
  height: number;
  html: string;
};

export function oembedResponse(params: {
  providerName: string;
  origin: string;
  title: string;
  author?: { name: string; url: string } | null;
  embed: string;
  width: number;
  height: number;
}): OEmbedResponse {
  return {
    version: "1.0",
    type: "rich",
    provider_name: params.providerName,
    provider_url: `${params.origin}/`,
    title: params.title,
    ...(params.author ? { author_name: params.author.name, author_url: params.author.url } : {}),
    cache_age: OEMBED_CACHE_AGE,
    width: params.width,
    height: params.height,
    html: iframeHtml({ src: params.embed, width: params.width, height: params.height, title: params.title }),
  };
}

/** The discovery link's target for a page (`<link rel="alternate" type="application/json+oembed">`). */
export function oembedDiscoveryUrl(pageUrl: string): string {
  return `/oembed?url=${encodeURIComponent(pageUrl)}&format=json`;
}

/** `alternates.types` entry for a page's metadata: the oEmbed discovery link. */
export function oembedAlternate(pageUrl: string, title: string) {
  return { "application/json+oembed": [{ url: oembedDiscoveryUrl(pageUrl), title }] };
}
