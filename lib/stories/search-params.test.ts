import { describe, expect, it } from "vitest";
import {
  activeFilterChips,
  effectiveSort,
  formQueryString,
  isDay,
  parseStoryListParams,
  toSearchParams,
} from "./search-params";

const known = ["improving-work-practice", "using-knowledge"];

describe("parseStoryListParams", () => {
  it("keeps what it understands and drops the rest without an error", () => {
    const params = parseStoryListParams(
      {
        q: "  samenwerken ",
        sp: ["using-knowledge", "nope", "using-knowledge"],
        match: "any",
        lang: ["nl", "de"],
        type: "bank",
        tool: ["Slack", " ", "x".repeat(81)],
        author: "ann",
        from: "2024-02-30",
        to: "2024-12-31",
        sort: "popular",
      },
      known,
    );
    expect(params).toMatchObject({
      q: "samenwerken",
      startingPoints: ["using-knowledge"],
      startingPointMode: "any",
      languages: ["nl"],
      organisationTypes: [],
      tools: ["Slack"],
      authors: ["ann"],
      from: undefined,
      to: "2024-12-31",
      sort: undefined,
    });
  });

  it("round-trips through toSearchParams", () => {
    const params = parseStoryListParams(
      {
        q: "wiki",
        sp: ["improving-work-practice", "using-knowledge"],
        match: "any",
        tool: "Slack",
        sort: "discussed",
      },
      known,
    );
    const { after, before, ...filters } = params;
    expect(after).toBeNull();
    expect(before).toBeNull();
    expect(toSearchParams(filters).toString()).toBe(
      "q=wiki&sp=improving-work-practice&sp=using-knowledge&match=any&tool=Slack&sort=discussed",
    );
  });
});

describe("isDay", () => {
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-13-01", false],
    ["24-01-01", false],
    ["2024-01-01T00:00", false],
    [undefined, false],
  ])("%s → %s", (value, expected) => expect(isDay(value)).toBe(expected));
});

describe("effectiveSort", () => {
  it("defaults to best match for a search and newest otherwise; best match needs words", () => {
    expect(effectiveSort(undefined, "wiki")).toBe("relevance");
    expect(effectiveSort(undefined, undefined)).toBe("newest");
    expect(effectiveSort("relevance", undefined)).toBe("newest");
    expect(effectiveSort("discussed", "wiki")).toBe("discussed");
  });
});

describe("formQueryString", () => {
  const form = (entries: [string, string][]) => {
    const data = new FormData();
    for (const [key, value] of entries) data.append(key, value);
    return data;
  };

  it("leaves out empty fields and defaults, so it reads like a link's query", () => {
    expect(
      formQueryString(
        form([
          ["q", ""],
          ["sort", "newest"],
          ["match", "all"],
          ["from", ""],
          ["to", ""],
        ]),
      ),
    ).toBe("");
    expect(
      formQueryString(
        form([
          ["q", "wiki"],
          ["sort", "relevance"],
        ]),
      ),
    ).toBe("q=wiki");
    expect(
      formQueryString(
        form([
          ["q", "wiki"],
          ["sort", "newest"],
        ]),
      ),
    ).toBe("q=wiki&sort=newest");
  });

  it("keeps the any-of mode once chosen, before or after the starting points", () => {
    expect(formQueryString(form([["match", "any"]]))).toBe("match=any");
    expect(
      formQueryString(
        form([
          ["sp", "a"],
          ["sp", "b"],
          ["match", "any"],
        ]),
      ),
    ).toBe("sp=a&sp=b&match=any");
  });
});

describe("activeFilterChips", () => {
  it("names every active filter with the filters left when it is dropped", () => {
    const filters = parseStoryListParams({ q: "wiki", lang: ["nl", "en"], from: "2024-01-01" }, known);
    const chips = activeFilterChips(filters);
    expect(chips.map((chip) => `${chip.kind}:${chip.value}`)).toEqual([
      "q:wiki",
      "lang:nl",
      "lang:en",
      "from:2024-01-01",
    ]);
    expect(chips[1].without.languages).toEqual(["en"]);
    expect(chips[0].without.q).toBeUndefined();
    expect(chips[3].without).toMatchObject({ q: "wiki", from: undefined });
  });
});
