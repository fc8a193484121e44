import { describe, expect, it } from "vitest";
import {
  createProposal,
  createProposalComment,
  decideProposal,
  getProposal,
  listProposals,
  setProposalSupport,
  UnknownStoriesError,
} from "@/lib/model/proposals";
import { exportRows } from "@/lib/model/export-rows";
import {
  listOrganisationNotes,
  myOrganisationRecognition,
  removeOrganisationRecognition,
  saveOrganisationRecognition,
  setStoryRecognition,
  startingPointIdBySlug,
  storyRecognitionSummary,
} from "@/lib/model/recognition";
import { modelEvidence } from "@/lib/model/evidence";
import { listStartingPoints } from "@/lib/starting-points/queries";
import { createStory } from "@/lib/stories/writes";
import { newMember } from "../support/members";

let n = 0;
const member = (name = "Model Tester") => newMember(name, { prefix: "model" });

async function publishedStory(authorId: string, startingPoints = ["improving-work-practice"]) {
  return createStory({
    authorId,
    intent: "publish",
    input: {
      title: `Evidence story ${++n}`,
      organisation: "Org",
      organisationType: "company",
      summary: "",
      body: "A body that is long enough for the fifty character minimum, really.",
      trigger: "",
      tools: [],
      language: "en",
      startingPoints,
    },
  });
}

describe("recognition on stories", () => {
  it("counts one mark per reader per starting point, however often it is set, also concurrently", async () => {
    const author = await member();
    const story = await publishedStory(author.id);
    const spId = (await startingPointIdBySlug("using-knowledge"))!;
    const readers = await Promise.all([member("R1"), member("R2"), member("R3")]);

    // Each reader clicks three times at once; a toggle would flip, a set lands once.
    await Promise.all(
      readers.flatMap((reader) =>
        Array.from({ length: 3 }, () =>
          setStoryRecognition({
            storyId: story.id,
            userId: reader.id,
            startingPointId: spId,
            recognised: true,
          }),
        ),
      ),
    );
    let summary = await storyRecognitionSummary({ storyId: story.id, userId: readers[0].id, locale: "en" });
    const row = summary.find((r) => r.slug === "using-knowledge")!;
    expect(row).toMatchObject({ readers: 3, mine: true, taggedByAuthor: false });
    expect(summary.find((r) => r.slug === "improving-work-practice")).toMatchObject({
      readers: 0,
      mine: false,
      taggedByAuthor: true,
    });

    await setStoryRecognition({
      storyId: story.id,
      userId: readers[0].id,
      startingPointId: spId,
      recognised: false,
    });
    await setStoryRecognition({
      storyId: story.id,
      userId: readers[0].id,
      startingPointId: spId,
      recognised: false,
    });
    summary = await storyRecognitionSummary({ storyId: story.id, userId: readers[0].id, locale: "en" });
    expect(summary.find((r) => r.slug === "using-knowledge")).toMatchObject({ readers: 2, mine: false });
  });

  it("feeds the evidence: reader recognitions per starting point and per story", async () => {
    const author = await member();
    const story = await publishedStory(author.id, ["learning-with-outside-world"]);
    const reader = await member();
    const spId = (await startingPointIdBySlug("learning-with-outside-world"))!;
    const before = (await modelEvidence("en")).startingPoints.find(
      (sp) => sp.slug === "learning-with-outside-world",
    )!;
    await setStoryRecognition({
      storyId: story.id,
      userId: reader.id,
      startingPointId: spId,
      recognised: true,
    });
    const evidence = await modelEvidence("en");
    expect(
      evidence.startingPoints.find((sp) => sp.slug === "learning-with-outside-world")!.readerRecognitions,
    ).toBe(before.readerRecognitions + 1);
    expect(evidence.stories.find((s) => s.storyId === story.id)).toEqual({
      storyId: story.id,
      authorTags: ["learning-with-outside-world"],
      recognitions: { "learning-with-outside-world": 1 },
      readers: 1,
    });
  });
});

describe("recognition in organisations", () => {
  it("keeps one recognition per member and starting point; saying it again updates the note", async () => {
    const reader = await member("Noter");
    const spId = (await startingPointIdBySlug("collaborating-across-boundaries"))!;
    await Promise.all([
      saveOrganisationRecognition({
        startingPointId: spId,
        userId: reader.id,
        note: "Our offices are in three countries.",
      }),
      saveOrganisationRecognition({
        startingPointId: spId,
        userId: reader.id,
        note: "Our offices are in three countries.",
      }),
    ]);
    await saveOrganisationRecognition({
      startingPointId: spId,
      userId: reader.id,
      note: "Offices in three countries, and a merger.",
    });
    const { notes, total } = await listOrganisationNotes(spId);
    expect(total).toBe(1);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      note: "Offices in three countries, and a merger.",
      author: { name: "Noter", handle: reader.handle },
    });
    expect(await myOrganisationRecognition(spId, reader.id)).toMatchObject({
      note: "Offices in three countries, and a merger.",
    });

    // A recognition without a note counts, but is not listed as a note.
    const quiet = await member("Quiet");
    await saveOrganisationRecognition({ startingPointId: spId, userId: quiet.id, note: "" });
    expect((await listOrganisationNotes(spId)).total).toBe(2);
    expect((await listOrganisationNotes(spId)).notes).toHaveLength(1);

    await removeOrganisationRecognition({ startingPointId: spId, userId: reader.id });
    expect(await listOrganisationNotes(spId)).toEqual({ notes: [], total: 1 });
  });
});

describe("proposals", () => {
  it("links only published stories, and saves nothing when one is unknown", async () => {
    const proposer = await member();
    const before = (await listProposals()).length;
    await expect(
      createProposal({
        proposerId: proposer.id,
        name: "Saving money",
        explanation: "Organisations that start to cut travel costs.",
        storySlugs: ["no-such-story"],
      }),
    ).rejects.toBeInstanceOf(UnknownStoriesError);
    expect(await listProposals()).toHaveLength(before);

    const { id } = await createProposal({
      proposerId: proposer.id,
      name: "Saving money",
      explanation: "Organisations that start to cut travel costs.",
      storySlugs: ["kpn-challenges-on-policy-questions"],
    });
    const proposal = await getProposal({ id, userId: null, locale: "en" });
    expect(proposal?.stories.map((s) => s.slug)).toEqual(["kpn-challenges-on-policy-questions"]);
  });

  it("counts one vote per member exactly, under concurrent clicks", async () => {
    const proposer = await member();
    const { id } = await createProposal({
      proposerId: proposer.id,
      name: "Compliance",
      explanation: "Organisations that start because a regulator asks.",
      storySlugs: [],
    });
    const supporters = await Promise.all([member(), member(), member(), member()]);
    await Promise.all(
      supporters.flatMap((s) =>
        [1, 2, 3].map(() => setProposalSupport({ proposalId: id, userId: s.id, supported: true })),
      ),
    );
    expect(await getProposal({ id, userId: supporters[0].id, locale: "en" })).toMatchObject({
      supportCount: 4,
      supportedByMe: true,
    });
    await Promise.all(
      [1, 2].map(() => setProposalSupport({ proposalId: id, userId: supporters[0].id, supported: false })),
    );
    expect(await getProposal({ id, userId: supporters[0].id, locale: "en" })).toMatchObject({
      supportCount: 3,
      supportedByMe: false,
    });
    await createProposalComment({ proposalId: id, authorId: supporters[1].id, body: "Seen this at a bank." });
    expect((await getProposal({ id, userId: null, locale: "en" }))?.commentCount).toBe(1);
  });

  it("accepting adds a fifth starting point in both languages that stories can carry; a decision is final", async () => {
    const proposer = await member();
    const moderator = await member("Mod");
    const { id } = await createProposal({
      proposerId: proposer.id,
      name: "Crisis",
      explanation: "Organisations that set out because a crisis forced them.",
      storySlugs: [],
    });
    const accepted = await decideProposal({
      proposalId: id,
      moderatorId: moderator.id,
      decision: "accept",
      nameEn: "Responding to a crisis",
      nameNl: "Reageren op een crisis",
      descriptionEn: "A crisis forces new ways of working. Often overnight.",
      descriptionNl: "Een crisis dwingt nieuwe manieren van werken af. Vaak van de ene op de andere dag.",
      reason: "",
    });
    expect(accepted).toEqual({ ok: true });
    const en = await listStartingPoints("en");
    const nl = await listStartingPoints("nl");
    expect(en.at(-1)).toMatchObject({
      slug: "responding-to-a-crisis",
      position: 5,
      name: "Responding to a crisis",
      tagline: "A crisis forces new ways of working.",
    });
    expect(nl.at(-1)).toMatchObject({ name: "Reageren op een crisis" });
    expect(await getProposal({ id, userId: null, locale: "nl" })).toMatchObject({
      status: "accepted",
      resulting: { slug: "responding-to-a-crisis", name: "Reageren op een crisis" },
    });

    const author = await member();
    const story = await publishedStory(author.id, ["responding-to-a-crisis", "using-knowledge"]);
    expect((await exportRows()).rows.find((r) => r.id === story.id)?.authorTags).toEqual([
      "using-knowledge",
      "responding-to-a-crisis",
    ]);

    expect(
      await decideProposal({
        proposalId: id,
        moderatorId: moderator.id,
        decision: "decline",
        reason: "Changed my mind",
      }),
    ).toEqual({
      ok: false,
      reason: "already_decided",
    });
  });

  it("merges into an existing starting point or declines with a reason", async () => {
    const proposer = await member();
    const moderator = await member("Mod");
    const a = await createProposal({
      proposerId: proposer.id,
      name: "Knowledge sharing",
      explanation: "Sharing what people know inside the organisation.",
      storySlugs: [],
    });
    const b = await createProposal({
      proposerId: proposer.id,
      name: "Because it is fun",
      explanation: "Some people simply enjoy new tools very much.",
      storySlugs: [],
    });
    expect(
      await decideProposal({
        proposalId: a.id,
        moderatorId: moderator.id,
        decision: "merge",
        mergeInto: "nope",
        reason: "Same thing",
      }),
    ).toEqual({
      ok: false,
      reason: "unknown_starting_point",
    });
    expect(
      await decideProposal({
        proposalId: a.id,
        moderatorId: moderator.id,
        decision: "merge",
        mergeInto: "using-knowledge",
        reason: "This is starting point 3.",
      }),
    ).toEqual({ ok: true });
    expect(await getProposal({ id: a.id, userId: null, locale: "en" })).toMatchObject({
      status: "merged",
      decisionReason: "This is starting point 3.",
      resulting: { slug: "using-knowledge" },
    });
    await decideProposal({
      proposalId: b.id,
      moderatorId: moderator.id,
      decision: "decline",
      reason: "Not a reason to set out.",
    });
    expect(await getProposal({ id: b.id, userId: null, locale: "en" })).toMatchObject({
      status: "declined",
      resulting: null,
    });
  });
});

describe("research export", () => {
  it("has one row per published story with tags, recognition counts and comment counts, and no emails", async () => {
    const author = await member("Exporter");
    const story = await publishedStory(author.id, ["improving-work-practice", "using-knowledge"]);
    const reader = await member();
    await setStoryRecognition({
      storyId: story.id,
      userId: reader.id,
      startingPointId: (await startingPointIdBySlug("using-knowledge"))!,
      recognised: true,
    });
    const { slugs, rows } = await exportRows();
    expect(slugs.slice(0, 4)).toEqual([
      "improving-work-practice",
      "collaborating-across-boundaries",
      "using-knowledge",
      "learning-with-outside-world",
    ]);
    const row = rows.find((r) => r.id === story.id)!;
    expect(row).toMatchObject({
      author: "Exporter",
      authorTags: ["improving-work-practice", "using-knowledge"],
      commentCount: 0,
    });
    expect(row.recognitions["using-knowledge"]).toBe(1);
    expect(row.recognitions["improving-work-practice"]).toBe(0);
    expect(JSON.stringify(rows)).not.toContain("@example.org");
  });
});
