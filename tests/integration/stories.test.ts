import { describe, expect, it } from "vitest";
import { createComment, listComments, softDeleteComment } from "@/lib/comments/queries";
import { modelEvidence } from "@/lib/model/evidence";
import { coOccurrenceMatrix } from "@/lib/model/statistics";
import { listStartingPoints } from "@/lib/starting-points/queries";
import { countPublishedStories, listDrafts, listPublishedStories } from "@/lib/stories/listing";
import { facetCounts } from "@/lib/stories/facets";
import { MATCH_END, MATCH_START, searchSnippets } from "@/lib/stories/search";
import { createStory, deleteStory, UnknownStartingPointError, updateStory } from "@/lib/stories/writes";
import { getStoryBySlug } from "@/lib/stories/story";
import type { StoryInput } from "@/lib/stories/schema";
import { highlightSnippet } from "@/lib/stories/highlight";
import { readableLanguages } from "@/lib/stories/translations";
import { newMember } from "../support/members";

const member = (name = "Test Member") => newMember(name, { prefix: "stories" });

function story(overrides: Partial<StoryInput> = {}): StoryInput {
  return {
    title: "A story about working together",
    organisation: "Test organisation",
    organisationType: "network",
    summary: "A summary.",
    body: "This is the body of the story, long enough to pass the fifty character rule.",
    trigger: "",
    tools: [],
    language: "en",
    startingPoints: ["improving-work-practice"],
    ...overrides,
  };
}

describe("seed", () => {
  it("has the four starting points and ten published examples", async () => {
    const sps = await listStartingPoints("en");
    expect(sps.map((sp) => sp.slug)).toEqual([
      "improving-work-practice",
      "collaborating-across-boundaries",
      "using-knowledge",
      "learning-with-outside-world",
    ]);
    expect(sps.map((sp) => sp.storyCount)).toEqual([3, 2, 3, 2]);
    expect((await listStartingPoints("nl"))[0].name).toBe("Verbeteren van de werkpraktijk");
    expect(await countPublishedStories()).toBe(10);
  });
});

describe("stories", () => {
  it("lists a story with two starting points under both and no others", async () => {
    const author = await member();
    const { slug } = await createStory({
      authorId: author.id,
      input: story({
        title: "Two starting points at once",
        startingPoints: ["improving-work-practice", "using-knowledge"],
      }),
      intent: "publish",
    });
    const under = async (sps: string[]) =>
      (await listPublishedStories({ filters: { startingPoints: sps }, locale: "en", limit: 50 })).items.map(
        (s) => s.slug,
      );

    expect(await under(["improving-work-practice"])).toContain(slug);
    expect(await under(["using-knowledge"])).toContain(slug);
    expect(await under(["improving-work-practice", "using-knowledge"])).toEqual([slug]);
    expect(await under(["collaborating-across-boundaries"])).not.toContain(slug);
    expect(await under(["learning-with-outside-world"])).not.toContain(slug);

    const evidence = await modelEvidence("en");
    const slugs = evidence.startingPoints.map((sp) => sp.slug);
    const counts = coOccurrenceMatrix(slugs, evidence.stories);
    expect(counts[slugs.indexOf("improving-work-practice")][slugs.indexOf("using-knowledge")]).toBe(1);
    expect(
      counts[slugs.indexOf("improving-work-practice")][slugs.indexOf("learning-with-outside-world")],
    ).toBe(0);
  });

  it("keeps drafts out of every public listing and count", async () => {
    const author = await member();
    const before = await countPublishedStories();
    const { slug } = await createStory({
      authorId: author.id,
      input: story({ title: "Secret draft story" }),
      intent: "draft",
    });
    expect(await countPublishedStories()).toBe(before);
    const all = await listPublishedStories({ locale: "en", limit: 100 });
    expect(all.items.map((s) => s.slug)).not.toContain(slug);
    expect((await listDrafts({ authorId: author.id, locale: "en" })).map((s) => s.slug)).toEqual([slug]);
    expect((await getStoryBySlug(slug, "en"))?.status).toBe("draft");
  });

  it("searches in English and Dutch with stemming", async () => {
    const author = await member();
    await createStory({
      authorId: author.id,
      input: story({
        title: "Collaboration across the ocean",
        body: "We started collaborating with partners far away, using video and chat every week.",
      }),
      intent: "publish",
    });
    await createStory({
      authorId: author.id,
      input: story({
        title: "Samenwerking in de wijk",
        language: "nl",
        body: "Wij zijn gaan samenwerken met bewoners en zorgprofessionals in de wijk, met een besloten groep.",
      }),
      intent: "publish",
    });
    const titles = async (q: string) =>
      (await listPublishedStories({ filters: { q }, locale: "en" })).items.map((s) => s.title);
    expect(await titles("collaborate")).toContain("Collaboration across the ocean");
    expect(await titles("samenwerken")).toContain("Samenwerking in de wijk");
    expect(await titles("KPN")).toHaveLength(1);
    expect(await titles("zzzznothing")).toEqual([]);
    // The examples' Dutch versions say "samenwerken" too: "bewoners" is this story's alone.
    expect(await countPublishedStories({ q: "samenwerken bewoners" })).toBe(1);

    const found = await listPublishedStories({ filters: { q: "collaborate" }, locale: "en" });
    const snippets = await searchSnippets(
      found.items.map((s) => s.id),
      "collaborate",
    );
    expect(snippets.get(found.items[0].id)).toContain(`${MATCH_START}collaborating${MATCH_END}`);
    const dutch = await listPublishedStories({ filters: { q: "samenwerking" }, locale: "en" });
    expect(
      (
        await searchSnippets(
          dutch.items.map((s) => s.id),
          "samenwerking",
        )
      ).get(dutch.items[0].id),
    ).toContain(`${MATCH_START}samenwerken${MATCH_END}`);
  });

  it("marks only the search words in a passage, whatever control characters the body holds", async () => {
    const author = await member();
    // The markers ts_headline is given, typed by a member: they must not become <mark> tags.
    const body =
      "Stray \u0002markers\u0003 and \u0003 a closing one first \u0002, then we went kayaking with the whole neighbourhood team.";
    await createStory({
      authorId: author.id,
      input: story({ title: "Kayaking with markers", body }),
      intent: "publish",
    });
    const found = await listPublishedStories({ filters: { q: "kayaking" }, locale: "en" });
    const id = found.items.find((s) => s.title === "Kayaking with markers")!.id;
    const html = highlightSnippet((await searchSnippets([id], "kayaking")).get(id)!);
    expect(html.match(/<mark>/g)).toHaveLength(1);
    expect(html.match(/<\/mark>/g)).toHaveLength(1);
    expect(html).toContain("<mark>kayaking</mark>");
    expect(html).toContain("Stray markers and");
  });

  it("pages with keyset cursors without gaps or repeats, also while new stories arrive", async () => {
    const first = await listPublishedStories({ locale: "en", limit: 4 });
    expect(first.newer).toBeNull();
    expect(first.older).not.toBeNull();

    const author = await member();
    await createStory({
      authorId: author.id,
      input: story({ title: "Arrived while paging" }),
      intent: "publish",
    });

    const seen = [...first.items.map((s) => s.id)];
    let cursor = first.older;
    while (cursor) {
      const page = await listPublishedStories({ locale: "en", limit: 4, after: cursor });
      seen.push(...page.items.map((s) => s.id));
      expect(page.newer).not.toBeNull();
      cursor = page.older;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await countPublishedStories()) - 1);

    const second = await listPublishedStories({ locale: "en", limit: 4, after: first.older });
    const back = await listPublishedStories({ locale: "en", limit: 4, before: second.newer });
    expect(back.items.map((s) => s.id)).toEqual(first.items.map((s) => s.id));
    expect(back.older).toBe(first.older);
  });

  it("refuses an edit based on an old version, keeps the newer one", async () => {
    const author = await member();
    const { id, slug } = await createStory({ authorId: author.id, input: story(), intent: "publish" });
    const first = await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: story({ title: "First tab's title" }),
      intent: "publish",
    });
    expect(first).toEqual({ ok: true, slug });
    const second = await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: story({ title: "Second tab's title" }),
      intent: "publish",
    });
    expect(second).toEqual({ ok: false, reason: "conflict" });
    const saved = await getStoryBySlug(slug, "en");
    expect(saved?.title).toBe("First tab's title");
    expect(saved?.version).toBe(2);
  });

  it("keeps the first publication date when re-saved, and changes starting points", async () => {
    const author = await member();
    const { id, slug } = await createStory({ authorId: author.id, input: story(), intent: "draft" });
    expect((await getStoryBySlug(slug, "en"))?.publishedAt).toBeNull();
    await updateStory({ storyId: id, expectedVersion: 1, input: story(), intent: "publish" });
    const published = await getStoryBySlug(slug, "en");
    expect(published?.publishedAt).toBeInstanceOf(Date);
    await updateStory({
      storyId: id,
      expectedVersion: 2,
      input: story({ startingPoints: ["learning-with-outside-world"] }),
      intent: "publish",
    });
    const edited = await getStoryBySlug(slug, "en");
    expect(edited?.publishedAt?.getTime()).toBe(published?.publishedAt?.getTime());
    expect(edited?.startingPoints.map((sp) => sp.slug)).toEqual(["learning-with-outside-world"]);
  });

  it("rejects unknown starting points without saving anything", async () => {
    const author = await member();
    await expect(
      createStory({
        authorId: author.id,
        input: story({ title: "Nothing saved", startingPoints: ["no-such-thing"] }),
        intent: "publish",
      }),
    ).rejects.toBeInstanceOf(UnknownStartingPointError);
    expect(await listDrafts({ authorId: author.id, locale: "en" })).toEqual([]);
    expect(await countPublishedStories({ authorId: author.id })).toBe(0);
  });

  it("deletes a story with its comments", async () => {
    const author = await member();
    const { id, slug } = await createStory({ authorId: author.id, input: story(), intent: "publish" });
    await createComment({ storyId: id, authorId: author.id, body: "A comment" });
    await deleteStory(id);
    expect(await getStoryBySlug(slug, "en")).toBeNull();
    expect((await listComments({ storyId: id })).items).toEqual([]);
  });
});

describe("comments", () => {
  it("keeps the counter on the story exact, also when deleting twice", async () => {
    const author = await member();
    const reader = await member("Reader");
    const { id, slug } = await createStory({ authorId: author.id, input: story(), intent: "publish" });
    const c1 = await createComment({ storyId: id, authorId: reader.id, body: "First!" });
    await createComment({ storyId: id, authorId: author.id, body: "Thanks" });
    expect((await getStoryBySlug(slug, "en"))?.commentCount).toBe(2);

    await Promise.all([softDeleteComment(c1.id), softDeleteComment(c1.id)]);
    expect((await getStoryBySlug(slug, "en"))?.commentCount).toBe(1);
    const { items } = await listComments({ storyId: id });
    expect(items.map((c) => c.body)).toEqual(["Thanks"]);
    expect(items[0].author).toEqual({ name: author.name, handle: author.handle });
  });

  it("pages through many comments oldest first", async () => {
    const author = await member();
    const { id } = await createStory({ authorId: author.id, input: story(), intent: "publish" });
    for (let i = 0; i < 7; i++)
      await createComment({ storyId: id, authorId: author.id, body: `Comment ${i}` });
    const first = await listComments({ storyId: id, limit: 5 });
    expect(first.items.map((c) => c.body)).toEqual([
      "Comment 0",
      "Comment 1",
      "Comment 2",
      "Comment 3",
      "Comment 4",
    ]);
    const rest = await listComments({ storyId: id, limit: 5, after: first.more });
    expect(rest.items.map((c) => c.body)).toEqual(["Comment 5", "Comment 6"]);
    expect(rest.more).toBeNull();
  });
});

describe("facets", () => {
  it("filter by language and organisation type, and count each option with the other filters applied", async () => {
    const author = await member();
    await createStory({
      authorId: author.id,
      input: story({ title: "Facet Dutch network", language: "nl", organisationType: "network" }),
      intent: "publish",
    });
    await createStory({
      authorId: author.id,
      input: story({ title: "Facet Dutch school", language: "nl", organisationType: "education" }),
      intent: "publish",
    });

    // A language filter keeps the stories that can be read in it: written in it, or translated into it.
    const dutch = await listPublishedStories({ filters: { languages: ["nl"] }, locale: "en", limit: 50 });
    const readable = await readableLanguages(dutch.items.map((s) => s.id));
    expect(dutch.items.length).toBeGreaterThan(2);
    expect(dutch.items.every((s) => readable.get(s.id)?.includes("nl"))).toBe(true);
    // This school, and the book's university example in its Dutch version.
    expect(await countPublishedStories({ languages: ["nl"], organisationTypes: ["education"] })).toBe(2);

    const facets = await facetCounts({ languages: ["nl"] });
    // The language group ignores its own filter; the others apply it.
    expect(facets.languages.en).toBe(await countPublishedStories({ languages: ["en"] }));
    expect(facets.languages.nl).toBe(await countPublishedStories({ languages: ["nl"] }));
    expect(facets.organisationTypes.education).toBe(2);
    expect(facets.organisationTypes.company ?? 0).toBe(
      await countPublishedStories({ languages: ["nl"], organisationTypes: ["company"] }),
    );
    expect(facets.startingPoints["improving-work-practice"]).toBe(
      await countPublishedStories({ languages: ["nl"], startingPoints: ["improving-work-practice"] }),
    );
  });
});
