import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { stories } from "@/db/schema";
import { createComment } from "@/lib/comments/queries";
import { setStoryRecognition, startingPointIdBySlug } from "@/lib/model/recognition";
import { countPublishedStories, listPublishedStories, type StorySort } from "@/lib/stories/listing";
import { createStory } from "@/lib/stories/writes";
import { facetCounts } from "@/lib/stories/facets";
import { type StoryFilters } from "@/lib/stories/query-pieces";
import type { StoryInput } from "@/lib/stories/schema";
import { newMember } from "../support/members";
import { storyInput } from "../support/story-input";

const member = (name = "Discovery Tester") => newMember(name, { prefix: "discovery" });

async function publish(authorId: string, overrides: Partial<StoryInput> = {}, publishedAt?: string) {
  const story = await createStory({ authorId, input: storyInput(overrides), intent: "publish" });
  if (publishedAt) {
    const db = await getDb();
    await db
      .update(stories)
      .set({ publishedAt: new Date(publishedAt) })
      .where(eq(stories.id, story.id));
  }
  return story;
}

/** Every story of the listing, walking the `after` cursors page by page. */
async function walk(filters: StoryFilters, sort: StorySort, limit = 2): Promise<string[]> {
  const slugs: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listPublishedStories({ filters, sort, after, limit, locale: "en" });
    slugs.push(...page.items.map((story) => story.slug));
    if (!page.older) return slugs;
    after = page.older;
  }
  throw new Error("the cursor did not end");
}

describe("starting points: all of or any of", () => {
  it("all of needs every starting point, any of needs one", async () => {
    const author = await member();
    const both = await publish(author.id, {
      startingPoints: ["using-knowledge", "learning-with-outside-world"],
    });
    const one = await publish(author.id, { startingPoints: ["using-knowledge"] });
    const pair = ["using-knowledge", "learning-with-outside-world"];

    const allOf = await walk({ startingPoints: pair }, "newest", 50);
    const anyOf = await walk({ startingPoints: pair, startingPointMode: "any" }, "newest", 50);
    expect(allOf).toContain(both.slug);
    expect(allOf).not.toContain(one.slug);
    expect(anyOf).toEqual(expect.arrayContaining([both.slug, one.slug]));
    expect(anyOf.length).toBe(
      await countPublishedStories({ startingPoints: pair, startingPointMode: "any" }),
    );
    expect(anyOf.length).toBeGreaterThan(allOf.length);

    // In "any of" mode the group does not narrow its own counts.
    const facets = await facetCounts({ startingPoints: ["using-knowledge"], startingPointMode: "any" });
    expect(facets.startingPoints["improving-work-practice"]).toBe(
      await countPublishedStories({ startingPoints: ["improving-work-practice"] }),
    );
  });
});

describe("tools, authors and dates", () => {
  it("filter and count by tool (any of) and by author", async () => {
    const ann = await member("Ann Tools");
    const bob = await member("Bob Tools");
    const a = await publish(ann.id, { tools: ["Mattermost", "Wiki"] });
    const b = await publish(bob.id, { tools: ["Wiki"] });
    const c = await publish(bob.id, { tools: ["Yammer"] });

    expect(await walk({ tools: ["Wiki"] }, "newest", 50)).toEqual([b.slug, a.slug]);
    expect(new Set(await walk({ tools: ["Mattermost", "Yammer"] }, "newest", 50))).toEqual(
      new Set([a.slug, c.slug]),
    );
    expect(await walk({ authors: [bob.handle] }, "newest", 50)).toEqual([c.slug, b.slug]);
    expect(await walk({ authors: [bob.handle], tools: ["Wiki"] }, "newest", 50)).toEqual([b.slug]);

    const facets = await facetCounts({ authors: [bob.handle] });
    expect(facets.tools).toEqual(
      expect.arrayContaining([
        { value: "Wiki", count: 1 },
        { value: "Yammer", count: 1 },
      ]),
    );
    expect(facets.tools.find((t) => t.value === "Mattermost")).toBeUndefined();
    // The author group ignores its own filter: Ann still shows, with her count.
    expect(facets.authors).toEqual(
      expect.arrayContaining([
        { handle: ann.handle, name: "Ann Tools", count: 1 },
        { handle: bob.handle, name: "Bob Tools", count: 2 },
      ]),
    );
  });

  it("filter by a published date range, both days included, and count per year", async () => {
    const author = await member();
    const early = await publish(author.id, { tools: ["DateTest"] }, "2019-03-01T00:00:00Z");
    const late = await publish(author.id, { tools: ["DateTest"] }, "2019-03-31T23:59:59Z");
    const next = await publish(author.id, { tools: ["DateTest"] }, "2020-01-15T12:00:00Z");
    const only = { tools: ["DateTest"] };

    expect(await walk({ ...only, from: "2019-03-01", to: "2019-03-31" }, "newest", 50)).toEqual([
      late.slug,
      early.slug,
    ]);
    expect(await walk({ ...only, from: "2019-03-02" }, "newest", 50)).toEqual([next.slug, late.slug]);
    expect(await walk({ ...only, to: "2019-12-31" }, "newest", 50)).toEqual([late.slug, early.slug]);

    const facets = await facetCounts({ ...only, from: "2020-01-01" });
    // The years ignore the date range itself, so other years stay reachable.
    expect(facets.years).toEqual([
      { year: 2020, count: 1 },
      { year: 2019, count: 2 },
    ]);
  });
});

describe("sort orders with keyset cursors", () => {
  it("most discussed: by comment count, every story once across pages", async () => {
    const author = await member();
    const tag = { tools: ["SortDiscussed"] };
    const quiet = await publish(author.id, tag);
    const busy = await publish(author.id, tag);
    const some = await publish(author.id, tag);
    const other = await publish(author.id, tag);
    for (let i = 0; i < 3; i++)
      await createComment({ storyId: busy.id, authorId: author.id, body: `Comment ${i}` });
    await createComment({ storyId: some.id, authorId: author.id, body: "One" });
    await createComment({ storyId: other.id, authorId: author.id, body: "One" });

    // Equal counts fall back to newest first.
    expect(await walk(tag, "discussed", 1)).toEqual([busy.slug, other.slug, some.slug, quiet.slug]);
    expect(await walk(tag, "discussed", 3)).toEqual([busy.slug, other.slug, some.slug, quiet.slug]);
  });

  it("most recognised: by readers who recognise a starting point, kept right under concurrent marks", async () => {
    const author = await member();
    const tag = { tools: ["SortRecognised"] };
    const none = await publish(author.id, tag);
    const many = await publish(author.id, tag);
    const few = await publish(author.id, tag);
    const spId = (await startingPointIdBySlug("improving-work-practice")) as number;
    const spId2 = (await startingPointIdBySlug("using-knowledge")) as number;
    const readers = await Promise.all([member(), member(), member()]);
    await Promise.all(
      readers.map((reader) =>
        setStoryRecognition({ storyId: many.id, userId: reader.id, startingPointId: spId, recognised: true }),
      ),
    );
    // A second starting point by the same reader is still one reader.
    await setStoryRecognition({
      storyId: many.id,
      userId: readers[0].id,
      startingPointId: spId2,
      recognised: true,
    });
    await setStoryRecognition({
      storyId: few.id,
      userId: readers[0].id,
      startingPointId: spId,
      recognised: true,
    });
    await setStoryRecognition({
      storyId: few.id,
      userId: readers[1].id,
      startingPointId: spId,
      recognised: true,
    });
    await setStoryRecognition({
      storyId: few.id,
      userId: readers[1].id,
      startingPointId: spId,
      recognised: false,
    });

    expect(await walk(tag, "recognised", 1)).toEqual([many.slug, few.slug, none.slug]);
  });

  it("best match: title matches rank above body matches, and pages keep that order", async () => {
    const author = await member();
    const inTitle = await publish(author.id, { title: "Zebrafish collaboration in the lab" });
    const inBody = await publish(author.id, {
      body: "Somewhere deep in this long body there is one zebrafish, mentioned only in passing here.",
    });
    const inSummary = await publish(author.id, { summary: "About zebrafish." });

    const ranked = await walk({ q: "zebrafish" }, "relevance", 1);
    expect(ranked).toEqual([inTitle.slug, inSummary.slug, inBody.slug]);
    expect(await walk({ q: "zebrafish" }, "relevance", 2)).toEqual(ranked);
  });

  it("goes back with `before` to the same page, and ignores a cursor made for another sort", async () => {
    const filters = {};
    const first = await listPublishedStories({ filters, sort: "discussed", limit: 3, locale: "en" });
    const second = await listPublishedStories({
      filters,
      sort: "discussed",
      limit: 3,
      after: first.older,
      locale: "en",
    });
    const back = await listPublishedStories({
      filters,
      sort: "discussed",
      limit: 3,
      before: second.newer,
      locale: "en",
    });
    expect(back.items.map((s) => s.slug)).toEqual(first.items.map((s) => s.slug));

    const newestFirst = await listPublishedStories({ filters, sort: "newest", limit: 3, locale: "en" });
    const mixed = await listPublishedStories({
      filters,
      sort: "newest",
      limit: 3,
      after: first.older,
      locale: "en",
    });
    expect(mixed.items.map((s) => s.slug)).toEqual(newestFirst.items.map((s) => s.slug));
  });

  it("newest: a story published while paging does not shift the pages being read", async () => {
    const author = await member();
    const tag = { tools: ["SortStable"] };
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await publish(author.id, tag));
    const first = await listPublishedStories({ filters: tag, sort: "newest", limit: 2, locale: "en" });
    await publish(author.id, tag);
    const rest = await walk(tag, "newest", 50);
    const second = await listPublishedStories({
      filters: tag,
      sort: "newest",
      limit: 10,
      after: first.older,
      locale: "en",
    });
    expect([...first.items, ...second.items].map((s) => s.slug)).toEqual(made.map((s) => s.slug).reverse());
    expect(rest.length).toBe(6);
  });
});

describe("facet lists", () => {
  it("keep a chosen tool or author even when it is not among the most used", async () => {
    const author = await member("Rare Tool User");
    const common = Array.from({ length: 14 }, (_, i) => `Common tool ${i}`);
    const busy = await Promise.all(Array.from({ length: 9 }, () => member("Busy Writer")));
    for (const writer of busy)
      for (let i = 0; i < 2; i++) await publish(writer.id, { tools: common.slice(0, 10) });
    await publish(author.id, { tools: ["VeryRareTool", ...common.slice(10)] });

    const unchosen = await facetCounts({});
    expect(unchosen.tools.map((t) => t.value)).not.toContain("VeryRareTool");
    expect(unchosen.authors.map((a) => a.handle)).not.toContain(author.handle);

    const chosen = await facetCounts({ tools: ["VeryRareTool"], authors: [author.handle] });
    expect(chosen.tools[0]).toEqual({ value: "VeryRareTool", count: 1 });
    expect(chosen.authors[0]).toMatchObject({ handle: author.handle, count: 1 });
  });
});
