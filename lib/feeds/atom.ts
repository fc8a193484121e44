import { Feed } from "feed";

export type AtomEntry = {
  id: string;
  title: string;
  url: string;
  published: Date;
  updated: Date;
  author: string;
  summary?: string;
  /** Already sanitised HTML (rendered Markdown). */
  html?: string;
  categories?: { term: string; label: string }[];
};

/**
 * An Atom 1.0 document. Ids are the entries' permanent URLs (tag-free but stable: slugs never
 * change), and `updated` is the newest entry's, or the given fallback for an empty feed.
 */
export function atomFeed(params: {
  title: string;
  subtitle?: string;
  selfUrl: string;
  pageUrl: string;
  language: string;
  entries: AtomEntry[];
  emptyUpdated: Date;
}): string {
  const updated = params.entries.reduce<Date | null>((max, e) => (!max || e.updated > max ? e.updated : max), null) ?? params.emptyUpdated;
  const feed = new Feed({
    id: params.selfUrl,
    title: params.title,
    description: params.subtitle,
    link: params.pageUrl,
    language: params.language,
    updated,
    generator: "Vertrekpunt",
    feedLinks: { atom: params.selfUrl },
    copyright: "",
  });
  for (const entry of params.entries) {
    feed.addItem({
      id: entry.url,
      title: entry.title,
      link: entry.url,
      date: entry.updated,
      published: entry.published,
      description: entry.summary || undefined,
      content: entry.html,
      author: [{ name: entry.author }],
      category: entry.categories?.map((c) => ({ term: c.term, name: c.label })),
    });
  }
  return feed.atom1();
}

export function atomResponse(xml: string): Response {
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
