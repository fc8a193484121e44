import { describe, expect, it } from "vitest";
import { renderReport, table } from "./report";
import type { BenchResults } from "./types";

describe("table", () => {
  it("renders a Markdown table and escapes pipes in cells", () => {
    expect(table(["A", "B"], [["x|y", 2]])).toBe("| A | B |\n| --- | --- |\n| x\\|y | 2 |");
  });
});

describe("renderReport", () => {
  const results: BenchResults = {
    date: "2025-01-01",
    quick: true,
    note: "Quick run.",
    settings: { connections: 32, durationSeconds: 5, warmupSeconds: 1, commentSeconds: 5, commentMembers: 8 },
    environment: {
      node: "v20.20.2",
      cpus: 2,
      database: "PostgreSQL 15",
      appDatabase: "bench_x",
      gitCommit: "abc",
    },
    pages: [
      {
        name: "Home",
        path: "/",
        status: 200,
        bytes: 12345,
        contentType: "text/html",
        app: { requestsPerSecond: 400, p50: 70, p99: 120, errors: 0, requests: 2000, durationSeconds: 5 },
        limit: { requestsPerSecond: 8000, p50: 3, p99: 9, errors: 0, requests: 40000, durationSeconds: 5 },
        ratio: 0.05,
      },
    ],
    comments: {
      members: 8,
      durationSeconds: 5,
      attempts: 40,
      ok: 40,
      failed: 0,
      failures: {},
      p50: 80,
      p95: 130,
      counted: 40,
      lost: 0,
      doubled: 0,
    },
    queries: [],
    firstLoadJs: [
      { route: "/stories/[slug]", path: "/stories/x", scripts: 8, rawBytes: 250_000, gzipBytes: 80_500 },
    ],
    firstLoadBarePage: { route: "bare page", path: "/", scripts: 5, rawBytes: 456_900, gzipBytes: 134_800 },
    firstLoadFloorGzipBytes: 131_900,
    lighthouse: [
      { name: "Home", path: "/", performance: 99, accessibility: 100, bestPractices: 100, seo: 100 },
    ],
    serverRssMaxBytes: 210_000_000,
    skipped: ["queries"],
    targets: [
      { target: "p99 latency", subject: "Home", expected: "< 100 ms", actual: "120.0 ms", pass: false },
      { target: "server RSS", subject: "app server", expected: "< 300 MB", actual: "210 MB", pass: true },
    ],
  };

  it("says a quick run is not a result and shows each measured part", () => {
    const report = renderReport(results);
    expect(report).toContain("quick: harness check, not a result");
    expect(report).toContain("| Home | `/` | 12,345 | 400 | 70.0 | 120.0 | 0 | 8,000 | 9.0 | 5.0% |");
    expect(report).toContain("| 8 | 5 | 40 | 40 | 0 | 80.0 | 130.0 | 40 | 0 | 0 |");
    expect(report).toContain("| /stories/[slug] | `/stories/x` | 8 | 250.0 kB | 80.5 kB |");
    expect(report).toContain(
      "loads 5 scripts, 134.8 kB gzip (456.9 kB raw); Next's runtime (the build manifest's rootMainFiles, on every App Router page) is 131.9 kB gzip.",
    );
    expect(report).toContain("| Home | `/` | 99 | 100 | 100 | 100 |");
    expect(report).toContain("| p99 latency | Home | < 100 ms | 120.0 ms | **FAIL** |");
    expect(report).toContain("Targets met: 1 of 2; missed: 1; skipped parts: queries.");
    expect(report).not.toContain("### Query scaling");
  });
});
