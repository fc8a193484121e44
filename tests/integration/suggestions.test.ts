import { describe, expect, it } from "vitest";
import { expireTags } from "@/lib/cache/tag-store";
import { CACHE_TAGS } from "@/lib/cache/tags";
import { fillQuarters, modelOverTime } from "@/lib/model/over-time";
import { createProposal, decideProposal } from "@/lib/model/proposals";
import { saveOrganisationRecognition, startingPointIdBySlug } from "@/lib/model/recognition";
import {
  evaluateSuggestions,
  recordSuggestion,
  relatedStories,
  suggestionAgreement,
  suggestStartingPoints,
} from "@/lib/model/suggest";
import { suggestionRequestSchema } from "@/lib/model/suggestion-schema";
import { triggerMentions, triggersByStartingPoint } from "@/lib/model/triggers";
import { newMember } from "../support/members";
import { createStory } from "@/lib/stories/writes";

const member = (name = "Suggestion Tester") => newMember(name, { prefix: "suggest" });

const KNOWLEDGE_EN = {
  title: "An enterprise social network for our experts",
  summary: "We bundle the expertise of our staff in one place.",
  body: "Our organisation set up an enterprise social network so that staff can share their knowledge and bundle their expertise. Colleagues now find the experts they need.",
  trigger: "",
  language: "en" as const,
};

const KNOWLEDGE_NL = {
  title: "Een enterprise social network voor onze experts",
  summary: "We bundelen de expertise van onze medewerkers op één plek.",
  body: "Onze organisatie begon een enterprise social network zodat medewerkers hun kennis kunnen delen en hun expertise bundelen. Collega's vinden nu de kennis die ze nodig hebben.",
  trigger: "",
  language: "nl" as const,
};

type Text = { title: string; summary?: string; body: string; trigger?: string; language?: "en" | "nl" };

async function publish(authorId: string, input: Text & { startingPoints: string[] }) {
  const story = await createStory({
    authorId,
    intent: "publish",
    input: {
      organisation: "Org",
      organisationType: "company",
      summary: "",
      trigger: "",
      tools: [],
      language: "en",
      ...input,
    },
  });
  // What the story actions do after every save: the model learns from it at its next use.
  await expireTags([CACHE_TAGS.stories, CACHE_TAGS.startingPoints]);
  return story;
}

describe("suggested starting points", () => {
  it("suggests knowledge for an enterprise social network bundling expertise, in English, with the words that led there", async () => {
    const suggestions = await suggestStartingPoints(KNOWLEDGE_EN, "en");
    expect(suggestions[0]).toMatchObject({
      slug: "using-knowledge",
      name: "Making use of knowledge in the organisation",
    });
    expect(suggestions[0].confidence).toBeGreaterThan(0.3);
    expect(suggestions[0].confidence).toBeLessThanOrEqual(1);
    expect(suggestions[0].words).toEqual(expect.arrayContaining(["expertise"]));
    // Words as written, not stems.
    expect(suggestions[0].words).not.toContain("knowledg");
  });

  it("does the same for Dutch text, named in Dutch", async () => {
    const suggestions = await suggestStartingPoints(KNOWLEDGE_NL, "nl");
    expect(suggestions[0]).toMatchObject({
      slug: "using-knowledge",
      name: "Kennis benutten in de organisatie",
    });
    expect(suggestions[0].words.length).toBeGreaterThan(0);
    expect(
      suggestions[0].words.some((word) => ["expertise", "bundelen", "kennis", "delen"].includes(word)),
    ).toBe(true);
  });

  it("reads what the story form sends as form text is stored: a NUL is dropped, never a failed query", async () => {
    const sent = suggestionRequestSchema.parse({
      ...KNOWLEDGE_EN,
      title: "\u0000" + KNOWLEDGE_EN.title,
      body: KNOWLEDGE_EN.body.replaceAll(" ", " \u0000"),
    });
    expect(sent.body).not.toContain("\u0000");
    const shown = await suggestStartingPoints(sent, "en");
    expect(shown.map((s) => s.slug)).toContain("using-knowledge");
  });

  it("suggests nothing for an empty text or only stop words", async () => {
    expect(
      await suggestStartingPoints({ title: "", summary: "", body: "", trigger: "", language: "en" }, "en"),
    ).toEqual([]);
    expect(
      await suggestStartingPoints(
        { title: "the and of", summary: "", body: "", trigger: "", language: "en" },
        "en",
      ),
    ).toEqual([]);
  });

  it("relearns when stories are published, and an accepted proposal becomes suggestible", async () => {
    const author = await member();
    const text = {
      title: "Beekeeping hives",
      summary: "",
      body: "Beekeeping with hives and honey: apiary volunteers share honeycomb tips about hives.",
      trigger: "",
      language: "en" as const,
    };
    expect((await suggestStartingPoints(text, "en")).map((s) => s.slug)).not.toContain(
      "collaborating-across-boundaries",
    );
    for (let i = 0; i < 3; i++) {
      await publish(author.id, {
        ...text,
        title: `Beekeeping hives ${i}`,
        startingPoints: ["collaborating-across-boundaries"],
      });
    }
    // The previous model answers while the new one is built in the background.
    await expect
      .poll(async () => (await suggestStartingPoints(text, "en"))[0]?.slug, { timeout: 20_000 })
      .toBe("collaborating-across-boundaries");

    const moderator = await member("Moderator");
    const { id } = await createProposal({
      proposerId: author.id,
      name: "Weathering a storm",
      explanation: "Storms and floods force it.",
      storySlugs: [],
    });
    await decideProposal({
      proposalId: id,
      moderatorId: moderator.id,
      decision: "accept",
      nameEn: "Weathering a storm",
      nameNl: "Een storm doorstaan",
      descriptionEn: "Hurricanes, floods and storms force organisations to coordinate evacuations online.",
      descriptionNl:
        "Orkanen, overstromingen en stormen dwingen organisaties om evacuaties online te coördineren.",
      reason: "",
    });
    await expireTags([CACHE_TAGS.content]);
    const hurricane = {
      title: "Hurricane evacuations",
      summary: "",
      body: "During the hurricane and the floods we coordinated evacuations online.",
      trigger: "",
      language: "en" as const,
    };
    await expect
      .poll(async () => (await suggestStartingPoints(hurricane, "en"))[0]?.slug, { timeout: 20_000 })
      .toBe("weathering-a-storm");
    expect((await suggestStartingPoints(hurricane, "en"))[0].name).toBe("Weathering a storm");
  });
});

describe("what authors took", () => {
  it("records the suggestion at publication once and counts agreement over published stories", async () => {
    const before = await suggestionAgreement();
    const author = await member();
    const took = await publish(author.id, { ...KNOWLEDGE_EN, startingPoints: ["using-knowledge"] });
    const ignored = await publish(author.id, {
      ...KNOWLEDGE_EN,
      title: "Our experts again",
      startingPoints: ["learning-with-outside-world"],
    });
    await recordSuggestion({ storyId: took.id, input: KNOWLEDGE_EN, chosen: ["using-knowledge"] });
    await recordSuggestion({
      storyId: ignored.id,
      input: KNOWLEDGE_EN,
      chosen: ["learning-with-outside-world"],
    });
    // A second record for the same story (a later save) changes nothing.
    await recordSuggestion({ storyId: ignored.id, input: KNOWLEDGE_EN, chosen: ["using-knowledge"] });
    const after = await suggestionAgreement();
    expect(after.stories - before.stories).toBe(2);
    expect(after.agreed - before.agreed).toBe(1);
    expect(after.taken - before.taken).toBeGreaterThanOrEqual(1);
  });
});

describe("related stories", () => {
  it("finds stories alike in text and starting points, published only, never the story itself", async () => {
    const author = await member();
    const base = await publish(author.id, {
      ...KNOWLEDGE_EN,
      title: "Experts network base",
      startingPoints: ["using-knowledge"],
    });
    const draft = await createStory({
      authorId: author.id,
      intent: "draft",
      input: {
        ...KNOWLEDGE_EN,
        title: "Experts network draft",
        organisation: "Org",
        organisationType: "company",
        tools: [],
        startingPoints: ["using-knowledge"],
      },
    });
    const dutch = await publish(author.id, {
      ...KNOWLEDGE_NL,
      title: "Experts netwerk",
      startingPoints: ["using-knowledge"],
    });
    // Once the model has learnt the new stories (it relearns in the background).
    await expect
      .poll(async () => (await relatedStories(dutch.id, "nl")).map((r) => r.slug), { timeout: 20_000 })
      .toContain(base.slug);
    const related = await relatedStories(base.id, "en");
    const slugs = related.map((r) => r.slug);
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(5);
    expect(slugs).not.toContain(base.slug);
    expect(slugs).not.toContain(draft.slug);
    // The hospital's knowledge network is the closest example from the book.
    expect(slugs).toContain("hospital-enterprise-social-network-knowledge-sharing");
    expect(related.every((r) => r.startingPoints.length > 0)).toBe(true);
    // Either language: the Dutch story on the same subject is related too (checked above).
  });
});

describe("evaluation", () => {
  it("cross-validates per starting point against the majority baseline", async () => {
    const evaluation = await evaluateSuggestions("en");
    expect(evaluation.folds).toBe(5);
    expect(evaluation.stories).toBeGreaterThanOrEqual(10);
    expect(evaluation.perStartingPoint.map((c) => c.slug)).toEqual(
      expect.arrayContaining(["improving-work-practice", "using-knowledge"]),
    );
    for (const cell of evaluation.perStartingPoint) {
      for (const value of [cell.precision, cell.recall, cell.f1])
        if (value !== null) expect(value).toBeGreaterThanOrEqual(0);
    }
    expect(evaluation.macroF1).not.toBeNull();
    expect(evaluation.baseline.macroF1).not.toBeNull();
    expect(evaluation.names["using-knowledge"]).toBe("Making use of knowledge in the organisation");
  });
});

describe("what was the trigger", () => {
  it("groups triggers from stories and recognition notes per starting point, stemmed, each term leading to its mentions", async () => {
    const author = await member();
    const reader = await member("Note Writer");
    await publish(author.id, {
      title: "Floods of email",
      body: "We drowned in email, so we looked for something else to keep our knowledge findable.",
      trigger: "Drowning in emails and attachments.",
      startingPoints: ["using-knowledge"],
    });
    await publish(author.id, {
      title: "More email trouble",
      body: "Another story about the amount of email we got every single day at the office.",
      trigger: "Too much email.",
      startingPoints: ["using-knowledge"],
    });
    await saveOrganisationRecognition({
      startingPointId: (await startingPointIdBySlug("using-knowledge"))!,
      userId: reader.id,
      note: "Our emailing got out of hand.",
    });

    const groups = await triggersByStartingPoint("en");
    const knowledge = groups.find((g) => g.slug === "using-knowledge")!;
    expect(knowledge.name).toBe("Making use of knowledge in the organisation");
    expect(knowledge.notes).toBeGreaterThanOrEqual(1);
    const email = knowledge.terms.find((term) => term.lexeme === "email")!;
    // "emails", "email" and "emailing" are one term, counted once per trigger; shown as written most.
    expect(email).toMatchObject({ word: "email", count: 3 });
    // Stop words never count.
    expect(knowledge.terms.map((term) => term.lexeme)).not.toContain("too");

    const mentions = (await triggerMentions({ slug: "using-knowledge", lexeme: "email", locale: "en" }))!;
    expect(mentions.stories.map((s) => s.title).sort()).toEqual(["Floods of email", "More email trouble"]);
    expect(mentions.notes.map((n) => n.note)).toEqual(["Our emailing got out of hand."]);
    expect(
      await triggerMentions({ slug: "no-such-starting-point", lexeme: "email", locale: "en" }),
    ).toBeNull();
  });
});

describe("the model over time", () => {
  it("counts published stories per starting point per quarter, and 1 and 3 together", async () => {
    const before = await modelOverTime("en");
    const author = await member();
    await publish(author.id, {
      title: "Both one and three",
      body: "A story that the author tagged with the first and the third starting point.",
      startingPoints: ["improving-work-practice", "using-knowledge"],
    });
    const after = await modelOverTime("en");
    const now = new Date();
    const quarter = (q: typeof after.quarters) =>
      q.find((x) => x.year === now.getUTCFullYear() && x.quarter === Math.floor(now.getUTCMonth() / 3) + 1)!;
    expect(quarter(after.quarters).total).toBe((quarter(before.quarters)?.total ?? 0) + 1);
    expect(quarter(after.quarters).both13).toBe((quarter(before.quarters)?.both13 ?? 0) + 1);
    expect(quarter(after.quarters).perStartingPoint["using-knowledge"]).toBe(
      (quarter(before.quarters)?.perStartingPoint["using-knowledge"] ?? 0) + 1,
    );
    expect(after.startingPoints.map((sp) => sp.position).slice(0, 4)).toEqual([1, 2, 3, 4]);
  });

  it("fills the quarters nobody published in", () => {
    const filled = fillQuarters(
      [
        { year: 2025, quarter: 4, total: 2, perStartingPoint: { a: 2 }, both13: 0, either13: 1 },
        { year: 2026, quarter: 2, total: 1, perStartingPoint: { a: 1 }, both13: 1, either13: 1 },
      ],
      ["a", "b"],
    );
    expect(filled.map((q) => `${q.year}Q${q.quarter}:${q.total}:${q.perStartingPoint.b}`)).toEqual([
      "2025Q4:2:0",
      "2026Q1:0:0",
      "2026Q2:1:0",
    ]);
  });
});
