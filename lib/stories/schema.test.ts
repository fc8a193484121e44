import { describe, expect, it } from "vitest";
import { errorsOf } from "@/tests/support/english-errors";
import { parseTools, storyFormSchema, storySchema } from "./schema";

const validStory = {
  title: "How our ambulance service found its voice",
  organisation: "Ambulance service",
  organisationType: "healthcare",
  summary: "",
  body: "A".repeat(50),
  trigger: "",
  tools: "",
  language: "en",
  startingPoints: ["improving-work-practice"],
};

describe("story schema limits (UI contract)", () => {
  it("accepts a minimal valid story", () => {
    expect(errorsOf(storySchema, validStory)).toEqual({});
  });

  it.each([
    ["title", "a".repeat(4), "Use at least 5 characters."],
    ["title", "a".repeat(151), "Use at most 150 characters."],
    ["title", "   abcd   ", "Use at least 5 characters."],
    ["organisation", "a", "Use at least 2 characters."],
    ["organisation", "a".repeat(121), "Use at most 120 characters."],
    ["summary", "a".repeat(301), "Use at most 300 characters."],
    ["body", "a".repeat(49), "Use at least 50 characters."],
    ["body", "a".repeat(20_001), "Use at most 20000 characters."],
    ["trigger", "a".repeat(501), "Use at most 500 characters."],
    ["title", "", "This field is required."],
  ])("rejects %s = %j", (field, value, message) => {
    expect(errorsOf(storySchema, { ...validStory, [field]: value })[field]).toEqual([message]);
  });

  it("accepts the limits themselves", () => {
    const story = {
      ...validStory,
      title: "a".repeat(150),
      organisation: "ab",
      summary: "s".repeat(300),
      body: "b".repeat(20_000),
      trigger: "t".repeat(500),
    };
    expect(errorsOf(storySchema, story)).toEqual({});
  });

  it("trims whitespace before checking and in the result", () => {
    const parsed = storySchema.parse({ ...validStory, title: "   Hello world   " });
    expect(parsed.title).toBe("Hello world");
  });

  it("needs one to four starting points", () => {
    expect(errorsOf(storySchema, { ...validStory, startingPoints: [] }).startingPoints).toEqual([
      "Choose at least one.",
    ]);
    expect(
      errorsOf(storySchema, { ...validStory, startingPoints: ["a", "b", "c", "d", "e"] }).startingPoints,
    ).toEqual(["Choose at most 4."]);
  });

  it("rejects unknown organisation types and languages", () => {
    expect(errorsOf(storySchema, { ...validStory, organisationType: "" }).organisationType).toEqual([
      "Choose one of the options.",
    ]);
    expect(errorsOf(storySchema, { ...validStory, language: "de" }).language).toEqual([
      "Choose one of the options.",
    ]);
  });

  it("turns the free tools list into clean, unique entries", () => {
    expect(parseTools(" Yammer, blog,,  WhatsApp ;blog\nBLOG ")).toEqual(["Yammer", "blog", "WhatsApp"]);
    expect(storySchema.parse({ ...validStory, tools: "Yammer, blog" }).tools).toEqual(["Yammer", "blog"]);
    expect(errorsOf(storySchema, { ...validStory, tools: "x".repeat(41) }).tools).toBeDefined();
  });
});

describe("story form: a draft needs a title, publishing needs the rest", () => {
  const unfinished = {
    ...validStory,
    organisation: "",
    organisationType: "",
    body: "Just a start.",
    startingPoints: [],
  };

  it("saves a draft with only a title", () => {
    expect(errorsOf(storyFormSchema, { ...unfinished, intent: "draft" })).toEqual({});
    expect(errorsOf(storyFormSchema, { ...unfinished, title: "Hi", intent: "draft" })).toEqual({
      title: ["Use at least 5 characters."],
    });
  });

  it("keeps the database's limits for drafts", () => {
    expect(
      Object.keys(
        errorsOf(storyFormSchema, {
          ...unfinished,
          body: "b".repeat(20_001),
          startingPoints: ["a", "b", "c", "d", "e"],
          intent: "draft",
        }),
      ),
    ).toEqual(["body", "startingPoints"]);
  });

  it("checks the body minimum and the starting points at publish", () => {
    expect(Object.keys(errorsOf(storyFormSchema, { ...unfinished, intent: "publish" })).sort()).toEqual([
      "body",
      "organisation",
      "organisationType",
      "startingPoints",
    ]);
  });
});
