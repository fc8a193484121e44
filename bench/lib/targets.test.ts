import { describe, expect, it } from "vitest";
import { evaluateTargets } from "./targets";
import type { BenchResults, LoadResult, PageResult } from "./types";

const load = (requestsPerSecond: number, p99: number, errors = 0): LoadResult => ({
  requestsPerSecond,
  p50: p99 / 2,
  p99,
  errors,
  requests: requestsPerSecond * 20,
  durationSeconds: 20,
});
const page = (name: string, app: LoadResult, limit: LoadResult): PageResult => ({
  name,
  path: "/",
  status: 200,
  bytes: 1000,
  contentType: "text/html",
  app,
  limit,
  ratio: app.requestsPerSecond / limit.requestsPerSecond,
});
const timing = (name: string, medianMs: number, seqScans: string[] = []) => ({
  name,
  medianMs,
  p95Ms: medianMs,
  rows: 1,
  plan: "Index Scan(x)",
  seqScans,
});

function results(overrides: Partial<Omit<BenchResults, "targets">> = {}): Omit<BenchResults, "targets"> {
  return {
    date: "2025-01-01",
    quick: false,
    settings: {
      connections: 32,
      durationSeconds: 20,
      warmupSeconds: 3,
      commentSeconds: 20,
      commentMembers: 8,
    },
    environment: { node: "v20", cpus: 2, database: "PostgreSQL 15", appDatabase: "bench", gitCommit: null },
    pages: [],
    comments: null,
    queries: [],
    firstLoadJs: [],
    lighthouse: [],
    serverRssMaxBytes: null,
    skipped: [],
    ...overrides,
  };
}

const barePage = (gzipBytes: number) => ({
  route: "bare page",
  path: "/",
  scripts: 5,
  rawBytes: gzipBytes * 3,
  gzipBytes,
});

const find = (checks: ReturnType<typeof evaluateTargets>, target: string, subject?: string) =>
  checks.find(
    (check) => check.target.startsWith(target) && (subject === undefined || check.subject === subject),
  );

describe("evaluateTargets", () => {
  it("passes a page at half the limit's throughput with p99 under 100 ms, and fails one below", () => {
    const checks = evaluateTargets(
      results({
        pages: [
          page("Home", load(500, 99), load(1000, 5)),
          page("Stories", load(499, 100, 1), load(1000, 5)),
        ],
      }),
    );
    expect(find(checks, "throughput", "Home")?.pass).toBe(true);
    expect(find(checks, "p99", "Home")?.pass).toBe(true);
    expect(find(checks, "throughput", "Stories")?.pass).toBe(false);
    expect(find(checks, "p99", "Stories")?.pass).toBe(false);
    expect(find(checks, "errors", "Stories")?.pass).toBe(false);
  });

  it("checks comment posting for speed and for every write being there exactly once", () => {
    const base = {
      members: 8,
      durationSeconds: 20,
      attempts: 100,
      ok: 100,
      failed: 0,
      failures: {},
      p50: 20,
      p95: 49,
      counted: 100,
      lost: 0,
      doubled: 0,
    };
    let checks = evaluateTargets(results({ comments: base }));
    expect(find(checks, "comment posting p95")?.pass).toBe(true);
    expect(find(checks, "no lost")?.pass).toBe(true);
    checks = evaluateTargets(results({ comments: { ...base, p95: 50, counted: 101, doubled: 1 } }));
    expect(find(checks, "comment posting p95")?.pass).toBe(false);
    expect(find(checks, "no lost")?.pass).toBe(false);
    checks = evaluateTargets(results({ comments: { ...base, counted: 99, lost: 1 } }));
    expect(find(checks, "no lost")?.pass).toBe(false);
  });

  it("compares each query at the largest level with the same query at the smallest, by position", () => {
    const level = (label: string, timings: ReturnType<typeof timing>[]) => ({
      label,
      database: label,
      rows: { members: 1, stories: 1, comments: 1 },
      timings,
    });
    const checks = evaluateTargets(
      results({
        queries: [
          level("10k", [timing('search "team"', 2), timing("story by slug", 1)]),
          level("1M", [timing('search "work"', 3), timing("story by slug", 1.6, ["comments"])]),
        ],
      }),
    );
    expect(find(checks, "query time", 'search "work"')?.pass).toBe(true);
    expect(find(checks, "query time", "story by slug")?.pass).toBe(false);
    expect(find(checks, "index use", 'search "work"')?.pass).toBe(true);
    expect(find(checks, "index use", "story by slug")?.pass).toBe(false);
  });

  it("holds the story page to 125 kB of gzip JavaScript (or 10 kB over a bare page) and Lighthouse to 95/100/100/100", () => {
    const checks = evaluateTargets(
      results({
        firstLoadJs: [
          { route: "/stories/[slug]", path: "/stories/x", scripts: 9, rawBytes: 300_000, gzipBytes: 140_001 },
        ],
        firstLoadBarePage: barePage(130_000),
        lighthouse: [
          {
            name: "Home",
            path: "/",
            performance: 95,
            accessibility: 100,
            bestPractices: 96,
            seo: null,
            error: "timed out",
          },
        ],
        serverRssMaxBytes: 900_000_000,
        serverProcessRssMaxBytes: 299_000_000,
      }),
    );
    expect(find(checks, "story page first-load JS")).toMatchObject({
      pass: false,
      expected: "≤ 125.0 kB gzip, or ≤ 10.0 kB over a bare page (130.0 kB)",
      actual: "140.0 kB (10.0 kB over a bare page)",
    });
    const story139 = [{ route: "/stories/[slug]", path: "/x", scripts: 9, rawBytes: 1, gzipBytes: 139_000 }];
    expect(
      evaluateTargets(
        results({
          firstLoadJs: story139,
          firstLoadBarePage: barePage(130_000),
          firstLoadFloorGzipBytes: 120_000,
        }),
      ).find((c) => c.target === "story page first-load JS")?.pass,
    ).toBe(true);
    // The floor is the bare page, not Next's runtime alone: it is less than any page loads.
    expect(
      evaluateTargets(
        results({
          firstLoadJs: story139,
          firstLoadBarePage: barePage(128_000),
          firstLoadFloorGzipBytes: 130_000,
        }),
      ).find((c) => c.target === "story page first-load JS")?.pass,
    ).toBe(false);
    expect(
      evaluateTargets(results({ firstLoadJs: story139, firstLoadFloorGzipBytes: 130_000 })).find(
        (c) => c.target === "story page first-load JS",
      )?.pass,
    ).toBe(false);
    expect(
      evaluateTargets(
        results({
          firstLoadJs: [
            { route: "/stories/[slug]", path: "/x", scripts: 9, rawBytes: 1, gzipBytes: 125_000 },
          ],
        }),
      ).find((c) => c.target === "story page first-load JS")?.pass,
    ).toBe(true);
    expect(find(checks, "Lighthouse performance")?.pass).toBe(true);
    expect(find(checks, "Lighthouse accessibility")?.pass).toBe(true);
    expect(find(checks, "Lighthouse best practices")?.pass).toBe(false);
    expect(find(checks, "Lighthouse SEO")).toMatchObject({ pass: false, actual: "timed out" });
    // Each server process, not the sum of a cluster.
    expect(find(checks, "server RSS")?.pass).toBe(true);
  });

  it("checks the burst, members' pages against the run's own baseline, page weight and start-up", () => {
    const scenario = (p99: number, rps: number, errors = 0) => ({
      name: "Story",
      path: "/s",
      connections: 32,
      app: load(rps, p99, errors),
    });
    let checks = evaluateTargets(
      results({
        pages: [
          { ...page("Home", load(1, 1), load(1, 1)), bytes: 50_000 },
          { ...page("Story, 50 comments", load(1, 1), load(1, 1)), bytes: 100_001 },
        ],
        burst: { ...scenario(499, 1000), connections: 256 },
        signedIn: { before: scenario(900, 40), now: scenario(299, 120) },
        startup: { freshDataMs: 5_001, existingDataMs: 3_000 },
      }),
    );
    expect(find(checks, "page weight", "Home")?.pass).toBe(true);
    expect(find(checks, "page weight", "Story, 50 comments")?.pass).toBe(false);
    expect(find(checks, "burst p99")?.pass).toBe(true);
    expect(find(checks, "signed-in p99")?.pass).toBe(true);
    expect(find(checks, "signed-in req/s")?.pass).toBe(true);
    expect(find(checks, "embedded start", "existing build and data")?.pass).toBe(true);
    expect(find(checks, "embedded start", "existing build, fresh data folder")?.pass).toBe(false);
    checks = evaluateTargets(
      results({
        burst: { ...scenario(500, 1000, 1), connections: 256 },
        signedIn: { before: scenario(900, 40), now: scenario(300, 119) },
      }),
    );
    expect(find(checks, "burst p99")?.pass).toBe(false);
    expect(find(checks, "burst errors")?.pass).toBe(false);
    expect(find(checks, "signed-in p99")?.pass).toBe(false);
    expect(find(checks, "signed-in req/s")?.pass).toBe(false);
  });

  it("marks what was not measured as n/a rather than passed", () => {
    const checks = evaluateTargets(results());
    expect(find(checks, "comment posting p95")?.pass).toBeNull();
    expect(find(checks, "story page first-load JS")?.pass).toBeNull();
    expect(find(checks, "server RSS")?.pass).toBeNull();
  });
});
