import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import { atomFeed } from "./atom";

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
});
