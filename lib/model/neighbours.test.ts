import { describe, expect, it } from "vitest";
import {
  buildIndex,
  crossValidate,
  related,
  suggest,
  suggested,
  termCounts,
  type LabelledDocument,
} from "./neighbours";

const doc = (id: string, text: string, labels: string[], description = false): LabelledDocument => ({
  id,
  terms: text.split(" "),
  labels,
  description,
});

const descriptions = [
  doc("d:a", "knowledg expertis share bundl", ["a"], true),
  doc("d:b", "distanc colleagu asia africa", ["b"], true),
];
const stories = [
  doc("s1", "knowledg share wiki expertis", ["a"]),
  doc("s2", "expertis bundl gaming knowledg", ["a"]),
  doc("s3", "knowledg share network hospit", ["a"]),
  doc("s4", "distanc student supervis", ["b"]),
  doc("s5", "colleagu asia distanc network", ["b"]),
  doc("s6", "africa distanc colleagu video", ["b"]),
];

describe("suggestions by nearest neighbours", () => {
  it("suggests the starting point whose documents share the text's telling terms, with those terms as evidence", () => {
    const index = buildIndex([...descriptions, ...stories]);
    const all = suggest(
      index,
      new Map([
        ["expertis", 2],
        ["bundl", 1],
        ["the", 5],
      ]),
    );
    expect(all[0].slug).toBe("a");
    expect(all[0].confidence).toBeCloseTo(1);
    expect(all[0].evidence.slice(0, 2).sort()).toEqual(["bundl", "expertis"]);
    expect(suggested(all).map((s) => s.slug)).toEqual(["a"]);
  });

  it("spreads confidence over starting points when the text resembles both, and says nothing for unknown words", () => {
    const index = buildIndex([...descriptions, ...stories]);
    const both = suggested(suggest(index, termCounts(["knowledg", "distanc", "colleagu", "expertis"])));
    expect(both.map((s) => s.slug).sort()).toEqual(["a", "b"]);
    expect(both.reduce((sum, s) => sum + s.confidence, 0)).toBeCloseTo(1);
    expect(suggest(index, termCounts(["zebra"]))).toEqual([]);
  });

  it("relates documents by text and starting points, never the document itself or a description", () => {
    const index = buildIndex([...descriptions, ...stories]);
    const found = related(index, { id: "s1", terms: stories[0].terms, labels: ["a"] }, 3);
    expect(found.map((r) => r.id)).not.toContain("s1");
    expect(found.map((r) => r.id).every((id) => id.startsWith("s"))).toBe(true);
    expect(["s2", "s3"]).toContain(found[0].id);
  });
});

describe("cross-validation", () => {
  it("scores per starting point and beats the majority baseline on separable stories", () => {
    const result = crossValidate(["a", "b"], stories, descriptions, 3);
    expect(result.folds).toBe(3);
    expect(result.stories).toBe(6);
    expect(result.perStartingPoint.find((c) => c.slug === "a")).toMatchObject({
      stories: 3,
      truePositives: 3,
      recall: 1,
    });
    expect(result.macroF1).toBeGreaterThan(result.baseline.macroF1!);
    // Always saying one starting point finds all of its stories and none of the other's.
    const baseline = result.baseline.perStartingPoint;
    expect(baseline.map((c) => c.truePositives).sort()).toEqual([0, 3].sort());
  });

  it("counts a starting point never suggested as F1 0, and one without stories as not available", () => {
    const result = crossValidate(["a", "b", "c"], stories.slice(0, 3), [], 3);
    expect(result.perStartingPoint.find((c) => c.slug === "c")).toMatchObject({
      stories: 0,
      f1: null,
      recall: null,
    });
    expect(result.macroF1).not.toBeNull();
  });

  it("has nothing to say without stories", () => {
    const result = crossValidate(["a"], [], descriptions);
    expect(result).toMatchObject({ stories: 0, folds: 0, macroF1: null });
  });
});
