import type { BenchResults, TargetCheck } from "./types";

/*
 * The targets of issue 7, checked against one run. kB and MB are decimal (1 kB = 1000 bytes),
 * as in Next's build output.
 */
export const TARGETS = {
  pageRatioMin: 0.5,
  pageP99MaxMs: 100,
  commentP95MaxMs: 50,
  queryGrowthMax: 1.5,
  storyFirstLoadJsMaxBytes: 90_000,
  lighthousePerformanceMin: 98,
  lighthouseOtherMin: 100,
  serverRssMaxBytes: 300_000_000,
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
    checks.push({ target: "errors", subject: page.name, expected: "0", actual: String(page.app.errors), pass: page.app.errors === 0 });
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
    actual: comments ? `${comments.counted} rows / ${comments.ok} 2xx, ${comments.lost} lost, ${comments.doubled} doubled` : "not measured",
    pass: comments ? comments.ok > 0 && comments.counted === comments.ok && comments.lost === 0 && comments.doubled === 0 : null,
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

  const story = results.firstLoadJs.find((route) => route.route === "/stories/[slug]");
  checks.push({
    target: "story page first-load JS",
    subject: "/stories/[slug]",
    expected: `≤ ${kb(TARGETS.storyFirstLoadJsMaxBytes)} gzip`,
    actual: story ? kb(story.gzipBytes) : "not measured",
    pass: story ? story.gzipBytes <= TARGETS.storyFirstLoadJsMaxBytes : null,
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

  checks.push({
    target: "server RSS",
    subject: "app server",
    expected: `< ${mb(TARGETS.serverRssMaxBytes)}`,
    actual: results.serverRssMaxBytes === null ? "not measured" : mb(results.serverRssMaxBytes),
    pass: results.serverRssMaxBytes === null ? null : results.serverRssMaxBytes < TARGETS.serverRssMaxBytes,
  });
  return checks;
}
