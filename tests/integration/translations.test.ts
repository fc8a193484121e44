import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { stories, storyTranslationRevisions, storyTranslations } from "@/db/schema";
import { seed } from "@/db/seed";
import { EXAMPLE_STORIES } from "@/db/seed-data";
import { EXAMPLE_TRANSLATIONS_NL } from "@/db/seed-translations";
import { exportRows } from "@/lib/model/export-rows";
import { toCsv, toJson } from "@/lib/model/export";
import { createStory, deleteStory } from "@/lib/stories/writes";
import { facetCounts } from "@/lib/stories/facets";
import { listPublishedStories } from "@/lib/stories/listing";
import { searchSnippets } from "@/lib/stories/search";
import { getTranslation, saveTranslation, translationHistory } from "@/lib/stories/translations";
import { newMember } from "../support/members";
import { storyInput } from "../support/story-input";

let n = 0;
const author = () => newMember(`Translator ${++n}`, { prefix: "translations" });

const translation = (
  overrides: Partial<{ title: string; summary: string; body: string; trigger: string }> = {},
) => ({
  title: "The guild meeting",
  summary: "Peers share knowledge.",
  body: "Every week the peers meet to swap experiences and learn from each other, in the open.",
  trigger: "Knowledge stayed in heads.",
  ...overrides,
});

async function translationRows(storyId?: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(storyTranslations)
    .where(storyId ? eq(storyTranslations.storyId, storyId) : undefined);
  return Number(row.n);
}

describe("the examples in Dutch", () => {
  it("are seeded once, also into an installation from before translations, and never over a deletion", async () => {
    const db = await getDb();
    const examples = await db
      .select({ id: stories.id, slug: stories.slug })
      .from(stories)
      .where(eq(stories.isExample, true));
    expect(examples).toHaveLength(EXAMPLE_STORIES.length);
    for (const example of examples) {
      const dutch = await getTranslation(example.id, "nl");
      expect(dutch?.title, example.slug).toBe(EXAMPLE_TRANSLATIONS_NL[example.slug].title);
    }
    const seeded = await translationRows();

    await seed(db);
    expect(await translationRows()).toBe(seeded);

    // An installation from before: examples without Dutch versions get them on the next start.
    const [kpn, hospital] = examples;
    await db.delete(storyTranslations).where(eq(storyTranslations.storyId, kpn.id));
    await db.delete(storyTranslationRevisions).where(eq(storyTranslationRevisions.storyId, kpn.id));
    await deleteStory(hospital.id);
    await seed(db);
    expect(await translationRows(kpn.id)).toBe(1);
    expect(await translationRows()).toBe(seeded - 1);
    const [revisions] = await db
      .select({ n: count() })
      .from(storyTranslationRevisions)
      .where(eq(storyTranslationRevisions.storyId, kpn.id));
    expect(Number(revisions.n)).toBe(1);
    // The deleted example stays deleted.
    expect(await db.select({ id: stories.id }).from(stories).where(eq(stories.slug, hospital.slug))).toEqual(
      [],
    );
  });

  it("are found by a Dutch word and counted under both languages", async () => {
    const page = await listPublishedStories({ filters: { q: "ambulancedienst" }, locale: "nl" });
    expect(page.items.map((story) => story.slug)).toContain("ambulance-service-internal-communication");
    const facets = await facetCounts({ q: "ambulancedienst" });
    expect(facets.languages).toMatchObject({ en: 1, nl: 1 });
    const inDutch = await listPublishedStories({
      filters: { q: "ambulancedienst", languages: ["nl"] },
      locale: "nl",
    });
    expect(inDutch.items).toHaveLength(1);
  });
});

describe("an author's translation", () => {
  it("is saved with its history, refuses the story's own language and a stale version", async () => {
    const member = await author();
    const { id } = await createStory({
      authorId: member.id,
      input: storyInput({
        language: "nl",
        body: "Elke week komen de vakgenoten samen in het gildeoverleg om van elkaar te leren.",
      }),
      intent: "publish",
    });

    expect(
      await saveTranslation({
        storyId: id,
        language: "nl",
        expectedVersion: 0,
        input: translation(),
        editorId: member.id,
      }),
    ).toEqual({ ok: false, reason: "same_language" });
    const first = await saveTranslation({
      storyId: id,
      language: "en",
      expectedVersion: 0,
      input: translation(),
      editorId: member.id,
    });
    expect(first).toMatchObject({ ok: true, language: "en", version: 1 });
    // A second tab that also started from "no translation" is refused, not merged silently.
    expect(
      await saveTranslation({
        storyId: id,
        language: "en",
        expectedVersion: 0,
        input: translation({ title: "Other tab" }),
        editorId: member.id,
      }),
    ).toEqual({
      ok: false,
      reason: "conflict",
    });
    const second = await saveTranslation({
      storyId: id,
      language: "en",
      expectedVersion: 1,
      input: translation({ title: "The guild meeting, revised" }),
      editorId: member.id,
    });
    expect(second).toMatchObject({ ok: true, version: 2 });
    expect(await getTranslation(id, "en")).toMatchObject({ title: "The guild meeting, revised", version: 2 });

    const history = await translationHistory(id);
    expect(history.map((entry) => [entry.version, entry.title, entry.current])).toEqual([
      [2, "The guild meeting, revised", true],
      [1, "The guild meeting", false],
    ]);
    expect(history[0].savedBy?.name).toBe(member.name);
    expect(await translationRows(id)).toBe(1);
  });

  it("makes the story findable by words of either version, each with its own stemming", async () => {
    const member = await author();
    const word = `gildeoverleg${Date.now()}`;
    const { id, slug } = await createStory({
      authorId: member.id,
      input: storyInput({
        language: "nl",
        body: `Elke week komen de vakgenoten samen in het ${word} om van elkaar te leren.`,
      }),
      intent: "publish",
    });
    await saveTranslation({
      storyId: id,
      language: "en",
      expectedVersion: 0,
      input: translation({
        body: "Every week the craftspeople were meeting in the guildhall to swap experiences and learn.",
      }),
      editorId: member.id,
    });
    const found = async (q: string, languages?: string[]) =>
      (await listPublishedStories({ filters: { q, languages }, locale: "en" })).items.some(
        (story) => story.slug === slug,
      );
    expect(await found(word)).toBe(true);
    // English stemming: "meetings" finds "meeting", "craftsperson" does not need to be exact.
    expect(await found("guildhall meetings")).toBe(true);
    expect(await found("guildhall", ["nl"])).toBe(true);
    expect(await found("guildhall", ["en"])).toBe(true);
    const snippets = await searchSnippets([id], "guildhall");
    expect(snippets.get(id)).toContain("guildhall");

    const facets = await facetCounts({ q: word });
    expect(facets.languages).toEqual({ en: 1, nl: 1 });

    const { rows } = await exportRows();
    const row = rows.find((r) => r.id === id);
    expect(row?.translations).toEqual([{ language: "en", title: "The guild meeting" }]);
    expect(toJson([], rows).stories.find((s) => s.id === id)?.translations).toEqual([
      { language: "en", title: "The guild meeting" },
    ]);
    expect(toCsv([], rows)).toContain(",en,The guild meeting\r\n");

    // Deleting the story takes its translation and its history with it.
    await deleteStory(id);
    const db = await getDb();
    expect(await translationRows(id)).toBe(0);
    const [left] = await db
      .select({ n: count() })
      .from(storyTranslationRevisions)
      .where(and(eq(storyTranslationRevisions.storyId, id)));
    expect(Number(left.n)).toBe(0);
  });
});
