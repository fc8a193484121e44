import { describe, expect, it } from "vitest";
import { canDecideProposal, canRecogniseStory, canSupportProposal } from "@/lib/auth/permissions";
import { csvCell, toCsv, toJson } from "@/lib/model/export";
import type { ExportRow } from "@/lib/model/queries";
import { parseStoryReferences, proposalSchema } from "@/lib/model/schema";

const row: ExportRow = {
  id: "id-1",
  slug: "a-story",
  title: 'Quotes "and", commas',
  organisation: "=HYPERLINK(\"evil\")",
  organisationType: "company",
  language: "nl",
  publishedAt: new Date("2026-01-02T03:04:05.000Z"),
  updatedAt: new Date("2026-01-03T00:00:00.000Z"),
  author: "Anna",
  authorTags: ["improving-work-practice", "using-knowledge"],
  recognitions: { "improving-work-practice": 2, "using-knowledge": 0 },
  commentCount: 5,
  translations: [{ language: "en", title: "In English; too" }],
};

describe("research export", () => {
  it("writes RFC 4180 CSV with one recognition column per starting point", () => {
    const csv = toCsv(["improving-work-practice", "using-knowledge"], [row]);
    const [header, line, end] = csv.split("\r\n");
    expect(header).toBe(
      "id,slug,title,organisation,organisation_type,language,published_at,updated_at,author,author_tags,recognised_improving-work-practice,recognised_using-knowledge,comment_count,translation_languages,translated_titles",
    );
    expect(line).toBe(
      'id-1,a-story,"Quotes ""and"", commas","\'=HYPERLINK(""evil"")",company,nl,2026-01-02T03:04:05.000Z,2026-01-03T00:00:00.000Z,Anna,improving-work-practice;using-knowledge,2,0,5,en,In English; too',
    );
    expect(end).toBe("");
  });

  it("neutralises spreadsheet formulas and leaves plain values alone", () => {
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell(3)).toBe("3");
  });

  it("writes JSON with stable field names", () => {
    expect(toJson(["improving-work-practice"], [row]).stories[0]).toEqual({
      id: "id-1",
      slug: "a-story",
      title: 'Quotes "and", commas',
      organisation: '=HYPERLINK("evil")',
      organisationType: "company",
      language: "nl",
      publishedAt: "2026-01-02T03:04:05.000Z",
      updatedAt: "2026-01-03T00:00:00.000Z",
      author: "Anna",
      authorTags: ["improving-work-practice", "using-knowledge"],
      recognitions: { "improving-work-practice": 2, "using-knowledge": 0 },
      commentCount: 5,
      translations: [{ language: "en", title: "In English; too" }],
    });
  });
});

describe("proposal input", () => {
  it("reads story links, paths and slugs, one per line", () => {
    expect(parseStoryReferences("https://vertrekpunt.example/stories/a-b?x=1\n/stories/c-d/\n e-f , a-b")).toEqual(["a-b", "c-d", "e-f"]);
    expect(proposalSchema.parse({ name: " Crisis ", explanation: "A crisis forced us to work differently.", stories: "" })).toEqual({
      name: "Crisis",
      explanation: "A crisis forced us to work differently.",
      stories: [],
    });
  });
});

describe("model permissions", () => {
  const author = { id: "author", role: "member" as const };
  const reader = { id: "reader", role: "member" as const };
  const moderator = { id: "mod", role: "moderator" as const };

  it("lets readers, not authors or visitors, recognise starting points in published stories", () => {
    const story = { authorId: "author", status: "published" as const };
    expect(canRecogniseStory(reader, story)).toBe(true);
    expect(canRecogniseStory(author, story)).toBe(false);
    expect(canRecogniseStory(null, story)).toBe(false);
    expect(canRecogniseStory(reader, { ...story, status: "draft" })).toBe(false);
  });

  it("lets members support open proposals of others; only moderators decide, once", () => {
    const proposal = { proposerId: "author", status: "open" };
    expect(canSupportProposal(reader, proposal)).toBe(true);
    expect(canSupportProposal(author, proposal)).toBe(false);
    expect(canSupportProposal(null, proposal)).toBe(false);
    expect(canSupportProposal(reader, { ...proposal, status: "declined" })).toBe(false);
    expect(canDecideProposal(moderator, proposal)).toBe(true);
    expect(canDecideProposal(reader, proposal)).toBe(false);
    expect(canDecideProposal(moderator, { status: "accepted" })).toBe(false);
  });
});
