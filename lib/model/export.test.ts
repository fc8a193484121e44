import { describe, expect, it } from "vitest";
import type { ExportRow } from "./export-rows";
import { csvCell, toCsv, toJson } from "./export";

const row: ExportRow = {
  id: "id-1",
  slug: "a-story",
  title: 'Quotes "and", commas',
  organisation: '=HYPERLINK("evil")',
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
