import { describe, expect, it } from "vitest";
import { scoresFrom } from "./lighthouse";

describe("scoresFrom", () => {
  it("turns Lighthouse's 0–1 scores into percentages", () => {
    const result = scoresFrom("Home", "/", {
      categories: {
        performance: { score: 0.984 },
        accessibility: { score: 1 },
        "best-practices": { score: 0.96 },
        seo: { score: 1 },
      },
    });
    expect(result).toEqual({
      name: "Home",
      path: "/",
      performance: 98,
      accessibility: 100,
      bestPractices: 96,
      seo: 100,
    });
  });

  it("keeps a missing score as null and reports a runtime error", () => {
    const result = scoresFrom("Story", "/stories/x", {
      categories: { performance: { score: null } },
      runtimeError: { code: "NO_FCP", message: "The page did not paint any content." },
    });
    expect(result.performance).toBeNull();
    expect(result.seo).toBeNull();
    expect(result.error).toMatch(/NO_FCP/);
  });
});
