import { describe, expect, it } from "vitest";
import {
  agreement,
  coOccurrenceMatrix,
  jaccard,
  kappaBand,
  pairOverlaps,
  type StoryEvidence,
} from "./statistics";

// A realistic mixed data set: 6 stories × 4 starting points, one story without readers.
// Labels per (story, slug) — A = author tagged, R = readers' "yes" (rec*2 >= readers):
//   S1 readers 4, rec a4 b1 c2   → a: A R (both)   b: A - (authorOnly) c: - R (readersOnly) d: - - (neither)
//   S2 readers 2, rec c2 d1      → a: neither       b: neither          c: both               d: readersOnly (1*2>=2)
//   S3 readers 3, rec a2 c1 d3   → a: both (4>=3)   b: neither          c: authorOnly (2<3)   d: both
//   S4 readers 0                 → not rated
//   S5 readers 5, rec a3 b3 c3 x5, tags a,b,b,x → a: both  b: both   c: readersOnly (6>=5) d: neither
//   S6 readers 1, rec b1 d1      → a: neither       b: readersOnly      c: neither            d: both
const SLUGS = ["a", "b", "c", "d"];
const MIXED: StoryEvidence[] = [
  { authorTags: ["a", "b"], recognitions: { a: 4, b: 1, c: 2 }, readers: 4 },
  { authorTags: ["c"], recognitions: { c: 2, d: 1 }, readers: 2 },
  { authorTags: ["a", "c", "d"], recognitions: { a: 2, c: 1, d: 3 }, readers: 3 },
  { authorTags: ["b", "d"], recognitions: {}, readers: 0 },
  { authorTags: ["a", "b", "b", "x"], recognitions: { a: 3, b: 3, c: 3, x: 5 }, readers: 5 },
  { authorTags: ["d"], recognitions: { b: 1, d: 1 }, readers: 1 },
];

describe("coOccurrenceMatrix", () => {
  it("is all zeros with no stories", () => {
    expect(coOccurrenceMatrix(["a", "b"], [])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("is empty with no slugs", () => {
    expect(coOccurrenceMatrix([], [{ authorTags: ["a"] }])).toEqual([]);
  });

  it("handles a single starting point", () => {
    // two of three stories carry "a"
    expect(
      coOccurrenceMatrix(["a"], [{ authorTags: ["a"] }, { authorTags: ["b"] }, { authorTags: ["a", "b"] }]),
    ).toEqual([[2]]);
  });

  it("ignores tags not in slugs and counts duplicated tags once", () => {
    const counts = coOccurrenceMatrix(
      ["a", "b"],
      [{ authorTags: ["a", "a", "zzz"] }, { authorTags: ["b", "a", "b"] }],
    );
    // a: story1 + story2 = 2; b: story2 = 1; a&b: story2 = 1
    expect(counts).toEqual([
      [2, 1],
      [1, 1],
    ]);
  });

  it("computes the mixed example", () => {
    // a: S1,S3,S5=3  b: S1,S4,S5=3  c: S2,S3=2  d: S3,S4,S6=3
    // ab: S1,S5=2  ac: S3=1  ad: S3=1  bc: 0  bd: S4=1  cd: S3=1  ("x" ignored, "b,b" once)
    expect(coOccurrenceMatrix(SLUGS, MIXED)).toEqual([
      [3, 2, 1, 1],
      [2, 3, 0, 1],
      [1, 0, 2, 1],
      [1, 1, 1, 3],
    ]);
  });
});

describe("jaccard", () => {
  it("is null when neither starting point has stories", () => {
    expect(
      jaccard(
        [
          [0, 0],
          [0, 0],
        ],
        0,
        1,
      ),
    ).toBeNull();
  });

  it("is 0 when only one has stories and 1 when always together", () => {
    // |A∩B| = 0, |A∪B| = 3 + 0 - 0 = 3 → 0
    expect(
      jaccard(
        [
          [3, 0],
          [0, 0],
        ],
        0,
        1,
      ),
    ).toBe(0);
    // |A∩B| = 2, |A∪B| = 2 + 2 - 2 = 2 → 1
    expect(
      jaccard(
        [
          [2, 2],
          [2, 2],
        ],
        0,
        1,
      ),
    ).toBe(1);
  });

  it("is 1 on the diagonal of a used starting point", () => {
    expect(jaccard([[4]], 0, 0)).toBe(1);
  });
});

describe("pairOverlaps", () => {
  it("is empty for zero or one starting point", () => {
    expect(pairOverlaps([], [])).toEqual([]);
    expect(pairOverlaps(["a"], [[5]])).toEqual([]);
  });

  it("lists every unordered pair in slugs order for the mixed example", () => {
    const counts = coOccurrenceMatrix(SLUGS, MIXED);
    expect(pairOverlaps(SLUGS, counts)).toEqual([
      { a: "a", b: "b", both: 2, jaccard: 0.5 }, // 2 / (3+3-2) = 2/4
      { a: "a", b: "c", both: 1, jaccard: 0.25 }, // 1 / (3+2-1) = 1/4
      { a: "a", b: "d", both: 1, jaccard: 0.2 }, // 1 / (3+3-1) = 1/5
      { a: "b", b: "c", both: 0, jaccard: 0 }, // 0 / (3+2-0) = 0
      { a: "b", b: "d", both: 1, jaccard: 0.2 }, // 1 / (3+3-1) = 1/5
      { a: "c", b: "d", both: 1, jaccard: 0.25 }, // 1 / (2+3-1) = 1/4
    ]);
  });

  it("reports null jaccard for a pair with no stories", () => {
    expect(pairOverlaps(["a", "b"], coOccurrenceMatrix(["a", "b"], []))).toEqual([
      { a: "a", b: "b", both: 0, jaccard: null },
    ]);
  });
});

describe("agreement", () => {
  it("has nothing rated with no stories", () => {
    expect(agreement(["a", "b"], [])).toEqual({
      perStartingPoint: [
        {
          slug: "a",
          rated: 0,
          both: 0,
          authorOnly: 0,
          readersOnly: 0,
          neither: 0,
          observed: null,
          kappa: null,
        },
        {
          slug: "b",
          rated: 0,
          both: 0,
          authorOnly: 0,
          readersOnly: 0,
          neither: 0,
          observed: null,
          kappa: null,
        },
      ],
      overall: { rated: 0, observed: null, expected: null, kappa: null },
    });
  });

  it("has nothing rated with no slugs", () => {
    expect(agreement([], MIXED)).toEqual({
      perStartingPoint: [],
      overall: { rated: 0, observed: null, expected: null, kappa: null },
    });
  });

  it("does not rate stories with 0 readers", () => {
    const result = agreement(
      ["a"],
      [
        { authorTags: ["a"], recognitions: {}, readers: 0 },
        { authorTags: [], recognitions: { a: 3 }, readers: 0 },
      ],
    );
    expect(result.perStartingPoint[0]).toMatchObject({ rated: 0, observed: null, kappa: null });
    expect(result.overall).toEqual({ rated: 0, observed: null, expected: null, kappa: null });
  });

  it("applies the at-least-half rule", () => {
    const result = agreement(
      ["a"],
      [
        // 2 readers, 1 recognises: 1*2 >= 2 → yes; author did not tag → readersOnly
        { authorTags: [], recognitions: { a: 1 }, readers: 2 },
        // 3 readers, 1 recognises: 1*2 = 2 < 3 → no; author tagged → authorOnly
        { authorTags: ["a"], recognitions: { a: 1 }, readers: 3 },
      ],
    );
    expect(result.perStartingPoint[0]).toMatchObject({
      rated: 2,
      both: 0,
      authorOnly: 1,
      readersOnly: 1,
      neither: 0,
    });
  });

  it("gives kappa 1 when readers agree with authors everywhere (pe < 1)", () => {
    const stories: StoryEvidence[] = [
      { authorTags: ["a"], recognitions: { a: 2 }, readers: 2 },
      { authorTags: ["b"], recognitions: { b: 1 }, readers: 1 },
    ];
    const result = agreement(["a", "b"], stories);
    // a: S1 both, S2 neither → po 1, pe = .5*.5 + .5*.5 = .5, kappa = (1-.5)/(1-.5) = 1
    expect(result.perStartingPoint).toEqual([
      { slug: "a", rated: 2, both: 1, authorOnly: 0, readersOnly: 0, neither: 1, observed: 1, kappa: 1 },
      { slug: "b", rated: 2, both: 1, authorOnly: 0, readersOnly: 0, neither: 1, observed: 1, kappa: 1 },
    ]);
    // pooled 4 decisions: 2 both + 2 neither → po 1, pe = .5*.5 + .5*.5 = .5, kappa 1
    expect(result.overall).toEqual({ rated: 4, observed: 1, expected: 0.5, kappa: 1 });
    expect(kappaBand(result.overall.kappa)).toBe("almost-perfect");
  });

  it("gives kappa -1 when readers disagree everywhere in a balanced case", () => {
    const stories: StoryEvidence[] = [
      { authorTags: ["a"], recognitions: { a: 0 }, readers: 2 }, // author yes, readers no
      { authorTags: [], recognitions: { a: 2 }, readers: 2 }, // author no, readers yes
    ];
    const result = agreement(["a"], stories);
    // po = 0/2 = 0, pA_yes = .5, pR_yes = .5 → pe = .25 + .25 = .5, kappa = (0-.5)/(1-.5) = -1
    expect(result.perStartingPoint[0]).toEqual({
      slug: "a",
      rated: 2,
      both: 0,
      authorOnly: 1,
      readersOnly: 1,
      neither: 0,
      observed: 0,
      kappa: -1,
    });
    expect(result.overall).toEqual({ rated: 2, observed: 0, expected: 0.5, kappa: -1 });
    expect(kappaBand(result.overall.kappa)).toBe("none");
  });

  it("leaves kappa null when pe === 1 (everyone says yes)", () => {
    const stories: StoryEvidence[] = [
      { authorTags: ["a"], recognitions: { a: 3 }, readers: 3 },
      { authorTags: ["a"], recognitions: { a: 1 }, readers: 1 },
    ];
    const result = agreement(["a"], stories);
    // pA_yes = pR_yes = 1 → pe = 1*1 + 0*0 = 1 → kappa = 0/0, undefined
    expect(result.perStartingPoint[0]).toEqual({
      slug: "a",
      rated: 2,
      both: 2,
      authorOnly: 0,
      readersOnly: 0,
      neither: 0,
      observed: 1,
      kappa: null,
    });
    expect(result.overall).toEqual({ rated: 2, observed: 1, expected: 1, kappa: null });
    expect(kappaBand(result.overall.kappa)).toBeNull();
  });

  it("ignores tags and recognitions not in slugs", () => {
    const result = agreement(["a"], [{ authorTags: ["a", "x"], recognitions: { a: 1, x: 1 }, readers: 1 }]);
    expect(result.perStartingPoint[0]).toMatchObject({
      rated: 1,
      both: 1,
      authorOnly: 0,
      readersOnly: 0,
      neither: 0,
    });
    expect(result.overall.rated).toBe(1);
  });

  it("computes the mixed example by hand", () => {
    const result = agreement(SLUGS, MIXED);
    const [a, b, c, d] = result.perStartingPoint;

    // a: both S1,S3,S5; neither S2,S6 → po = 5/5 = 1; aY=3 rY=3 → pe = (3*3 + 2*2)/25 = 13/25 = .52
    //    kappa = (1 - .52)/(1 - .52) = 1
    expect(a).toMatchObject({
      slug: "a",
      rated: 5,
      both: 3,
      authorOnly: 0,
      readersOnly: 0,
      neither: 2,
      observed: 1,
    });
    expect(a.kappa).toBeCloseTo(1, 4);

    // b: both S5; authorOnly S1; readersOnly S6; neither S2,S3 → po = 3/5 = .6
    //    aY=2 rY=2 → pe = (2*2 + 3*3)/25 = .52; kappa = (.6 - .52)/.48 = 1/6 = 0.1667
    expect(b).toMatchObject({ slug: "b", rated: 5, both: 1, authorOnly: 1, readersOnly: 1, neither: 2 });
    expect(b.observed).toBeCloseTo(0.6, 4);
    expect(b.kappa).toBeCloseTo(0.1667, 4);

    // c: both S2; authorOnly S3; readersOnly S1,S5; neither S6 → po = 2/5 = .4
    //    aY=2 rY=3 → pe = (2*3 + 3*2)/25 = .48; kappa = (.4 - .48)/.52 = -2/13 = -0.1538
    expect(c).toMatchObject({ slug: "c", rated: 5, both: 1, authorOnly: 1, readersOnly: 2, neither: 1 });
    expect(c.observed).toBeCloseTo(0.4, 4);
    expect(c.kappa).toBeCloseTo(-0.1538, 4);

    // d: both S3,S6; readersOnly S2; neither S1,S5 → po = 4/5 = .8
    //    aY=2 rY=3 → pe = (2*3 + 3*2)/25 = .48; kappa = (.8 - .48)/.52 = 8/13 = 0.6154
    expect(d).toMatchObject({ slug: "d", rated: 5, both: 2, authorOnly: 0, readersOnly: 1, neither: 2 });
    expect(d.observed).toBeCloseTo(0.8, 4);
    expect(d.kappa).toBeCloseTo(0.6154, 4);

    // overall: 5 rated stories × 4 slugs = 20 decisions
    //   both 3+1+1+2 = 7, authorOnly 0+1+1+0 = 2, readersOnly 0+1+2+1 = 4, neither 2+2+1+2 = 7
    //   po = 14/20 = .7; aY = 9, rY = 11 → pe = (9*11 + 11*9)/400 = 198/400 = .495
    //   kappa = (.7 - .495)/(1 - .495) = .205/.505 = 41/101 = 0.4059
    expect(result.overall.rated).toBe(20);
    expect(result.overall.observed).toBeCloseTo(0.7, 4);
    expect(result.overall.expected).toBeCloseTo(0.495, 4);
    expect(result.overall.kappa).toBeCloseTo(0.4059, 4);

    expect(kappaBand(a.kappa)).toBe("almost-perfect");
    expect(kappaBand(b.kappa)).toBe("slight");
    expect(kappaBand(c.kappa)).toBe("none");
    expect(kappaBand(d.kappa)).toBe("substantial");
    expect(kappaBand(result.overall.kappa)).toBe("moderate");
  });
});

describe("kappaBand", () => {
  it("maps Landis & Koch bands with inclusive upper bounds", () => {
    expect(kappaBand(null)).toBeNull();
    expect(kappaBand(-0.5)).toBe("none");
    expect(kappaBand(0)).toBe("none");
    expect(kappaBand(0.01)).toBe("slight");
    expect(kappaBand(0.2)).toBe("slight");
    expect(kappaBand(0.21)).toBe("fair");
    expect(kappaBand(0.4)).toBe("fair");
    expect(kappaBand(0.5)).toBe("moderate");
    expect(kappaBand(0.6)).toBe("moderate");
    expect(kappaBand(0.7)).toBe("substantial");
    expect(kappaBand(0.8)).toBe("substantial");
    expect(kappaBand(0.81)).toBe("almost-perfect");
    expect(kappaBand(1)).toBe("almost-perfect");
  });
});
