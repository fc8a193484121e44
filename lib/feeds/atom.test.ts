import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import { childNamed, childrenNamed, parseXmlStrict } from "@/tests/support/strict-xml";
import { atomFeed, type AtomEntry } from "./atom";

const base = {
  title: "Vertrekpunt: latest stories",
  selfUrl: "https://vertrekpunt.example/stories/feed.xml",
  pageUrl: "https://vertrekpunt.example/stories",
  language: "en",
  emptyUpdated: new Date("2026-01-01T00:00:00Z"),
};

describe("Atom feeds", () => {
  it("are parsed by a real feed parser, with entries, authors, categories and escaped text", () => {
    const xml = atomFeed({
      ...base,
      entries: [
        {
          id: "1",
          title: "Tools & tweets <for> the police",
          url: "https://vertrekpunt.example/stories/police",
          published: new Date("2026-01-02T10:00:00Z"),
          updated: new Date("2026-01-03T10:00:00Z"),
          author: "Anna & Co",
          summary: "Short suggestions from staff.",
          html: "<p>We used <strong>short</strong> messages.</p>",
          categories: [{ term: "improving-work-practice", label: "Improving the work practice" }],
        },
      ],
    });
    expect(xml.startsWith("<?xml")).toBe(true);
    expect(xml).toContain('xmlns="http://www.w3.org/2005/Atom"');
    const feed = parseFeed(xml);
    expect(feed.meta.type).toBe("atom");
    expect(feed.title).toBe("Vertrekpunt: latest stories");
    expect(feed.url).toBe("https://vertrekpunt.example/stories");
    expect(feed.updated?.toISOString()).toBe("2026-01-03T10:00:00.000Z");
    expect(feed.items).toHaveLength(1);
    const [item] = feed.items;
    expect(item.title).toBe("Tools & tweets <for> the police");
    expect(item.url).toBe("https://vertrekpunt.example/stories/police");
    expect(item.id).toBe("https://vertrekpunt.example/stories/police");
    expect(item.published?.toISOString()).toBe("2026-01-02T10:00:00.000Z");
    expect(item.authors.map((a) => a.name)).toEqual(["Anna & Co"]);
    expect(item.categories.map((c) => c.term)).toEqual(["improving-work-practice"]);
    expect(item.content).toContain("<strong>short</strong>");
  });

  it("is valid when empty, dated by the fallback", () => {
    const feed = parseFeed(atomFeed({ ...base, entries: [] }));
    expect(feed.items).toEqual([]);
    expect(feed.updated?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  // Whatever members write, the document stays well-formed and each field holds exactly that
  // text: nothing closes a section, adds an element or is read as markup.
  const HOSTILE = [
    ']]><link href="https://evil.example/"/><title>',
    "]]> twice ]]> and a third ]]>",
    "<![CDATA[ inside ]]>",
    '</title><link rel="alternate" href="https://evil.example/"/><title type="text">',
    "&amp; &lt;script&gt; &#0; &#x1; &bogus;",
    "\"quoted\" 'single' <b>bold</b>",
    '<?xml-stylesheet href="https://evil.example/x.xsl"?><!-- -->',
    "Line one\r\nline two\rline three\ttab",
    "Arabic \u202Eevil\u202C, emoji \u{1F680}, zero-width \u200B, U+2028 \u2028",
  ];

  it.each(HOSTILE)("stay well-formed for a member's %j in every field", (text) => {
    const entry: AtomEntry = {
      id: "1",
      title: text,
      url: "https://vertrekpunt.example/stories/x",
      published: new Date("2026-01-02T10:00:00Z"),
      updated: new Date("2026-01-03T10:00:00Z"),
      author: text,
      summary: text,
      html: `<p>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`,
      categories: [{ term: "t", label: text }],
    };
    const feed = childNamed(
      parseXmlStrict(atomFeed({ ...base, title: text, subtitle: text, entries: [entry, entry] })),
      "feed",
    );
    expect(childNamed(feed, "title").text).toBe(text);
    expect(childNamed(feed, "subtitle").text).toBe(text);
    expect(childrenNamed(feed, "link").map((l) => l.attributes.href)).toEqual([base.pageUrl, base.selfUrl]);
    const entries = childrenNamed(feed, "entry");
    expect(entries).toHaveLength(2);
    for (const parsed of entries) {
      expect(parsed.children.map((c) => c.name)).toEqual([
        "id",
        "title",
        "link",
        "published",
        "updated",
        "author",
        "category",
        "summary",
        "content",
      ]);
      expect(childNamed(parsed, "title")).toMatchObject({ text, attributes: { type: "text" } });
      expect(childNamed(parsed, "summary")).toMatchObject({ text, attributes: { type: "text" } });
      expect(childNamed(childNamed(parsed, "author"), "name").text).toBe(text);
      expect(childNamed(parsed, "category").attributes.label).toBe(text);
      expect(childNamed(parsed, "content").text).toBe(entry.html);
      expect(childrenNamed(parsed, "link").map((l) => l.attributes.href)).toEqual([entry.url]);
    }
  });

  it("replace what XML 1.0 cannot hold, and nothing else", () => {
    const text = "a\u0000b\u0001c\u0008d\u000Be\u001Ff\uFFFEg\uD800h\u007Fi\u0085j";
    const xml = atomFeed({ ...base, title: text, entries: [] });
    expect(childNamed(childNamed(parseXmlStrict(xml), "feed"), "title").text).toBe(
      "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\u007Fi\u0085j",
    );
  });
});
