import { describe, expect, it } from "vitest";
import { diffList, diffText, diffVersions, type VersionContent } from "./diff";

const version = (overrides: Partial<VersionContent> = {}): VersionContent => ({
  title: "Our first steps",
  organisation: "Org",
  organisationType: "network",
  summary: "",
  body: "We started with a blog.",
  trigger: "",
  tools: ["blog"],
  language: "en",
  startingPoints: ["improving-work-practice"],
  ...overrides,
});

describe("story diffs", () => {
  it("marks the words removed and added, keeping the rest", () => {
    const parts = diffText("We started with a blog.", "We started with a wiki.");
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text)).toEqual(["blog"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text)).toEqual(["wiki"]);
    // Reading the old parts gives the old text, the new parts the new text.
    expect(
      parts
        .filter((p) => p.kind !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe("We started with a blog.");
    expect(
      parts
        .filter((p) => p.kind !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe("We started with a wiki.");
  });

  it("has nothing to show for two empty texts and one part for equal ones", () => {
    expect(diffText("", "")).toEqual([]);
    expect(diffText("Same", "Same")).toEqual([{ kind: "same", text: "Same" }]);
    expect(diffText("", "New")).toEqual([{ kind: "added", text: "New" }]);
  });

  it("lists the items added to and removed from a list", () => {
    expect(diffList(["a", "b"], ["b", "c"])).toEqual({ kept: ["b"], added: ["c"], removed: ["a"] });
  });

  it("compares every field and says which changed", () => {
    const diffs = diffVersions(
      version(),
      version({ title: "Our next steps", startingPoints: ["using-knowledge"], language: "nl" }),
    );
    const changed = diffs.filter((d) => d.changed).map((d) => d.field);
    expect(changed).toEqual(["title", "language", "startingPoints"]);
    const sps = diffs.find((d) => d.field === "startingPoints");
    expect(sps).toMatchObject({
      kind: "list",
      added: ["using-knowledge"],
      removed: ["improving-work-practice"],
    });
  });
});
