import type { BenchResults, TargetCheck } from "./types";

/*
 * The targets of issues 7 and 14, checked against one run. kB and MB are decimal (1 kB = 1000 bytes),
 * as in Next's build output.
 */
export const TARGETS = {
  pageRatioMin: 0.5,
  pageP99MaxMs: 100,
  commentP95MaxMs: 50,
  queryGrowthMax: 1.5,
  storyFirstLoadJsMaxBytes: 125_000,
  /** Or within this much of a bare page on the same Next and React (the floor they need on their own). */
  firstLoadJsOverFloorMaxBytes: 10_000,
  lighthousePerformanceMin: 95,
  lighthouseOtherMin: 100,
  serverRssMaxBytes: 300_000_000,
  burstP99MaxMs: 500,
  signedInP99MaxMs: 300,
  signedInSpeedupMin: 3,
  homeHtmlMaxBytes: 50_000,
  storyHtmlMaxBytes: 100_000,
  startupExistingMaxMs: 3_000,
  startupFreshMaxMs: 5_000,
} as const;

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(0)} MB`;

export function evaluateTargets(results: Omit<BenchResults, "targets">): TargetCheck[] {
  const checks: TargetCheck[] = [];

  for (const page of results.pages) {
    checks.push({
      target: "throughput vs limit",
      subject: page.name,
      expected: `≥ ${TARGETS.pageRatioMin * 100}% of the limit`,
      actual: `${(page.ratio * 100).toFixed(1)}%`,
      pass: page.ratio >= TARGETS.pageRatioMin,
    });
    checks.push({
      target: "p99 latency",
      subject: page.name,
      expected: `< ${TARGETS.pageP99MaxMs} ms`,
      actual: ms(page.app.p99),
      pass: page.app.p99 < TARGETS.pageP99MaxMs,
    });
    checks.push({
      target: "errors",
      subject: page.name,
      expected: "0",
      actual: String(page.app.errors),
      pass: page.app.errors === 0,
    });
  }

  const comments = results.comments;
  checks.push({
    target: "comment posting p95",
    subject: "comments",
    expected: `< ${TARGETS.commentP95MaxMs} ms`,
    actual: comments && Number.isFinite(comments.p95) ? ms(comments.p95) : "not measured",
    pass: comments && Number.isFinite(comments.p95) ? comments.p95 < TARGETS.commentP95MaxMs : null,
  });
  checks.push({
    target: "no lost or doubled writes",
    subject: "comments",
    expected: "rows = 2xx, 0 lost, 0 doubled",
    actual: comments
      ? `${comments.counted} rows / ${comments.ok} 2xx, ${comments.lost} lost, ${comments.doubled} doubled`
      : "not measured",
    pass: comments
      ? comments.ok > 0 && comments.counted === comments.ok && comments.lost === 0 && comments.doubled === 0
      : null,
  });

  const levels = results.queries;
  if (levels.length >= 2) {
    const [smallest, largest] = [levels[0], levels[levels.length - 1]];
    // By position: a name may carry the level's most common word or busiest starting point.
    largest.timings.forEach((timing, index) => {
      const base = smallest.timings[index];
      if (!base) return;
      const growth = base.medianMs > 0 ? timing.medianMs / base.medianMs : Number.POSITIVE_INFINITY;
      checks.push({
        target: `query time ${largest.label} vs ${smallest.label}`,
        subject: timing.name,
        expected: `≤ ${TARGETS.queryGrowthMax}×`,
        actual: `${growth.toFixed(2)}× (${ms(base.medianMs)} → ${ms(timing.medianMs)})`,
        pass: growth <= TARGETS.queryGrowthMax,
      });
    });
  }
  for (const timing of levels.at(-1)?.timings ?? []) {
    checks.push({
      target: "index use (EXPLAIN)",
      subject: timing.name,
      expected: "no sequential scan of a big table",
      actual: timing.seqScans.length ? `Seq Scan on ${timing.seqScans.join(", ")}` : "indexes only",
      pass: timing.seqScans.length === 0,
    });
  }

  for (const [name, max] of [
    ["Home", TARGETS.homeHtmlMaxBytes],
    ["Story, 50 comments", TARGETS.storyHtmlMaxBytes],
  ] as const) {
    const page = results.pages.find((candidate) => candidate.name === name);
    checks.push({
      target: "page weight (HTML)",
      subject: name,
      expected: `≤ ${kb(max)}`,
      actual: page ? kb(page.bytes) : "not measured",
      pass: page ? page.bytes <= max : null,
    });
  }

  if (results.burst) {
    const burst = results.burst;
    checks.push({
      target: `burst p99 (${burst.connections} connections)`,
      subject: burst.name,
      expected: `< ${TARGETS.burstP99MaxMs} ms`,
      actual: ms(burst.app.p99),
      pass: burst.app.p99 < TARGETS.burstP99MaxMs,
    });
    checks.push({
      target: "burst errors",
      subject: burst.name,
      expected: "0",
      actual: String(burst.app.errors),
      pass: burst.app.errors === 0,
    });
  }
  if (results.signedIn) {
    const { before, now } = results.signedIn;
    checks.push({
      target: "signed-in p99",
      subject: now.name,
      expected: `< ${TARGETS.signedInP99MaxMs} ms`,
      actual: ms(now.app.p99),
      pass: now.app.p99 < TARGETS.signedInP99MaxMs,
    });
    const speedup =
      before && before.app.requestsPerSecond > 0
        ? now.app.requestsPerSecond / before.app.requestsPerSecond
        : null;
    checks.push({
      target: "signed-in req/s vs before",
      subject: now.name,
      expected: `≥ ${TARGETS.signedInSpeedupMin}×`,
      actual:
        speedup === null
          ? "no baseline"
          : `${speedup.toFixed(2)}× (${before!.app.requestsPerSecond.toFixed(0)} → ${now.app.requestsPerSecond.toFixed(0)} req/s)`,
      pass: speedup === null ? null : speedup >= TARGETS.signedInSpeedupMin,
    });
    checks.push({
      target: "signed-in errors",
      subject: now.name,
      expected: "0",
      actual: String(now.app.errors),
      pass: now.app.errors === 0,
    });
  }

  const story = results.firstLoadJs.find((route) => route.route === "/stories/[slug]");
  // The floor is a bare page, measured; Next's runtime alone (rootMainFiles) is less than any page loads.
  const floor = results.firstLoadBarePage?.gzipBytes ?? null;
  checks.push({
    target: "story page first-load JS",
    subject: "/stories/[slug]",
    expected: `≤ ${kb(TARGETS.storyFirstLoadJsMaxBytes)} gzip, or ≤ ${kb(TARGETS.firstLoadJsOverFloorMaxBytes)} over a bare page${floor !== null ? ` (${kb(floor)})` : ""}`,
    actual: story
      ? `${kb(story.gzipBytes)}${floor !== null ? ` (${kb(story.gzipBytes - floor)} over a bare page)` : ""}`
      : "not measured",
    pass: story
      ? story.gzipBytes <= TARGETS.storyFirstLoadJsMaxBytes ||
        (floor !== null && story.gzipBytes - floor <= TARGETS.firstLoadJsOverFloorMaxBytes)
      : null,
  });

  for (const run of results.lighthouse) {
    const categories = [
      ["performance", run.performance, TARGETS.lighthousePerformanceMin],
      ["accessibility", run.accessibility, TARGETS.lighthouseOtherMin],
      ["best practices", run.bestPractices, TARGETS.lighthouseOtherMin],
      ["SEO", run.seo, TARGETS.lighthouseOtherMin],
    ] as const;
    for (const [category, score, min] of categories) {
      checks.push({
        target: `Lighthouse ${category}`,
        subject: run.name,
        expected: `≥ ${min}`,
        actual: score === null ? (run.error ?? "no score") : String(score),
        pass: score === null ? false : score >= min,
      });
    }
  }

  // Per server process (issue 14); older results only have the whole tree.
  const rss = results.serverProcessRssMaxBytes ?? results.serverRssMaxBytes;
  checks.push({
    target: "server RSS",
    subject: results.serverProcessRssMaxBytes !== undefined ? "each server process" : "app server",
    expected: `< ${mb(TARGETS.serverRssMaxBytes)}`,
    actual: rss === null ? "not measured" : mb(rss),
    pass: rss === null ? null : rss < TARGETS.serverRssMaxBytes,
  });

  if (results.startup) {
    const { freshDataMs, existingDataMs } = results.startup;
    checks.push({
      target: "embedded start to first page",
      subject: "existing build and data",
      expected: `≤ ${TARGETS.startupExistingMaxMs / 1000} s`,
      actual: ms(existingDataMs),
      pass: existingDataMs <= TARGETS.startupExistingMaxMs,
    });
    checks.push({
      target: "embedded start to first page",
      subject: "existing build, fresh data folder",
      expected: `≤ ${TARGETS.startupFreshMaxMs / 1000} s`,
      actual: ms(freshDataMs),
      pass: freshDataMs <= TARGETS.startupFreshMaxMs,
    });
  }
  return checks;
}
