import type { StoryInput } from "@/lib/stories/schema";

let n = 0;

/** A valid story for tests, with a unique title; override what the test is about. */
export function storyInput(overrides: Partial<StoryInput> = {}): StoryInput {
  return {
    title: `Test story ${Date.now()}-${++n}`,
    organisation: "Org",
    organisationType: "network",
    summary: "",
    body: "A body that is long enough for the fifty character minimum, really it is.",
    trigger: "",
    tools: [],
    language: "en",
    startingPoints: ["improving-work-practice"],
    ...overrides,
  };
}
