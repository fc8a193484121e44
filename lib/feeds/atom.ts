/*
 * Atom 1.0 written here rather than by a library: feed@6 (through xml-js) put text in CDATA
 * sections and broke only the first "]]>" in each, so a story title could close the section and
 * add elements, and a second "]]>" made the whole feed not well-formed (docs/decisions/032).
 * Every piece of text goes through `xmlText` and every attribute through `xmlAttribute`; there is
 * no other way to put a value into the document.
 */

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

// What XML 1.0 cannot hold at all, not even as a character reference: C0 controls but tab, LF
// and CR; lone surrogates; U+FFFE and U+FFFF. Each becomes U+FFFD, as invalid UTF-8 does.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML character data: whatever it contains, it stays text. */
export function xmlText(value: string): string {
  return (
    value
      .replace(NOT_XML, "\uFFFD")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // A CR would be read back as LF (end-of-line handling); the reference keeps it.
      .replace(/\r/g, "&#13;")
  );
}

/** Text as a double-quoted attribute value: whitespace would be normalised, so it is escaped too. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

const element = (name: string, text: string, attributes = "") =>
  `<${name}${attributes}>${xmlText(text)}</${name}>`;

/**
 * An Atom 1.0 document. Ids are the entries' permanent URLs (tag-free but stable: slugs never
 * change), and `updated` is the newest entry's, or the given fallback for an empty feed. Titles,
 * summaries and names are what members wrote, sent as plain text (`type="text"`); only the
 * rendered, sanitised Markdown is HTML.
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
  const updated =
    params.entries.reduce<Date | null>((max, e) => (!max || e.updated > max ? e.updated : max), null) ??
    params.emptyUpdated;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlAttribute(params.language)}">`,
    `  ${element("id", params.selfUrl)}`,
    `  ${element("title", params.title, ' type="text"')}`,
    ...(params.subtitle ? [`  ${element("subtitle", params.subtitle, ' type="text"')}`] : []),
    `  ${element("updated", updated.toISOString())}`,
    `  ${element("generator", "Vertrekpunt")}`,
    `  <link rel="alternate" type="text/html" href="${xmlAttribute(params.pageUrl)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlAttribute(params.selfUrl)}"/>`,
  ];
  for (const entry of params.entries) {
    lines.push(
      "  <entry>",
      `    ${element("id", entry.url)}`,
      `    ${element("title", entry.title, ' type="text"')}`,
      `    <link rel="alternate" type="text/html" href="${xmlAttribute(entry.url)}"/>`,
      `    ${element("published", entry.published.toISOString())}`,
      `    ${element("updated", entry.updated.toISOString())}`,
      `    <author>${element("name", entry.author)}</author>`,
      ...(entry.categories ?? []).map(
        (c) => `    <category term="${xmlAttribute(c.term)}" label="${xmlAttribute(c.label)}"/>`,
      ),
      ...(entry.summary ? [`    ${element("summary", entry.summary, ' type="text"')}`] : []),
      ...(entry.html !== undefined ? [`    ${element("content", entry.html, ' type="html"')}`] : []),
      "  </entry>",
    );
  }
  lines.push("</feed>", "");
  return lines.join("\n");
}

export function atomResponse(xml: string): Response {
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
