import { describe, expect, it } from "vitest";
import { parseStoryReferences, proposalSchema } from "./schema";

describe("proposal input", () => {
  it("reads story links, paths and slugs, one per line", () => {
    expect(
      parseStoryReferences("https://vertrekpunt.example/stories/a-b?x=1\n/stories/c-d/\n e-f , a-b"),
    ).toEqual(["a-b", "c-d", "e-f"]);
    expect(
      proposalSchema.parse({
        name: " Crisis ",
        explanation: "A crisis forced us to work differently.",
        stories: "",
      }),
    ).toEqual({
      name: "Crisis",
      explanation: "A crisis forced us to work differently.",
      stories: [],
    });
  });
});
