import type { BenchResults } from "./types";

/* The Markdown report: what `npm run bench` prints and writes to bench/results/<date>.md. */

export function table(header: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number) => String(value).replaceAll("|", "\\|").replaceAll("\n", " ");
  const lines = [header, header.map(() => "---"), ...rows].map((row) => `| ${row.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const integer = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "–");
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const score = (value: number | null) => (value === null ? "–" : String(value));

export function renderReport(results: BenchResults): string {
  const parts: string[] = [];
  const title = `## Benchmark ${results.date}${results.quick ? " (quick: harness check, not a result)" : ""}`;
  parts.push(title);
  if (results.note) parts.push(`> ${results.note}`);
  const s = results.settings;
  parts.push(
    `${results.environment.cpus} CPUs, Node ${results.environment.node}, ${results.environment.database}; app database ${results.environment.appDatabase}. ` +
      `Pages: ${s.connections} connections, ${s.warmupSeconds} s warm-up, ${s.durationSeconds} s measured. Comments: ${s.commentMembers} members, ${s.commentSeconds} s.`,
  );

  if (results.pages.length) {
    parts.push("### Anonymous pages");
    parts.push(
      table(
        ["Page", "Path", "Bytes", "req/s", "p50 ms", "p99 ms", "Errors", "Limit req/s", "Limit p99 ms", "App/limit"],
        results.pages.map((page) => [
          page.name,
          `\`${page.path}\``,
          integer(page.bytes),
          integer(page.app.requestsPerSecond),
          fixed(page.app.p50),
          fixed(page.app.p99),
          page.app.errors,
          integer(page.limit.requestsPerSecond),
          fixed(page.limit.p99),
          `${fixed(page.ratio * 100)}%`,
        ]),
      ),
    );
  }

  if (results.comments) {
    const c = results.comments;
    parts.push("### Comment posting");
    parts.push(
      table(
        ["Members", "Seconds", "Posts", "2xx", "Failed", "p50 ms", "p95 ms", "Rows counted", "Lost", "Doubled"],
        [[c.members, c.durationSeconds, c.attempts, c.ok, c.failed, fixed(c.p50), fixed(c.p95), c.counted, c.lost, c.doubled]],
      ),
    );
    const failures = Object.entries(c.failures);
    if (failures.length) parts.push(`Failures: ${failures.map(([reason, count]) => `${reason} × ${count}`).join(", ")}`);
  }

  if (results.queries.length) {
    parts.push("### Query scaling");
    const levels = results.queries;
    const largest = levels[levels.length - 1];
    // By position: a name may carry the level's most common word or busiest starting point.
    parts.push(
      table(
        ["Query", ...levels.map((level) => `${level.label} median ms`), `${largest.label} p95 ms`, `Plan (${largest.label})`],
        largest.timings.map((timing, index) => [
          timing.name,
          ...levels.map((level) => fixed(level.timings[index]?.medianMs ?? Number.NaN, 2)),
          fixed(timing.p95Ms, 2),
          `\`${timing.plan}\``,
        ]),
      ),
    );
    parts.push(
      levels
        .map((level) => `${level.label}: ${integer(level.rows.members)} members, ${integer(level.rows.stories)} stories, ${integer(level.rows.comments)} comments (database ${level.database})`)
        .join("; "),
    );
  }

  if (results.firstLoadJs.length) {
    parts.push("### First-load JavaScript");
    parts.push(
      table(
        ["Route", "Measured on", "Scripts", "Raw", "Gzip"],
        results.firstLoadJs.map((route) => [route.route, `\`${route.path}\``, route.scripts, kb(route.rawBytes), kb(route.gzipBytes)]),
      ),
    );
  }

  if (results.lighthouse.length) {
    parts.push("### Lighthouse (mobile)");
    parts.push(
      table(
        ["Page", "Path", "Performance", "Accessibility", "Best practices", "SEO"],
        results.lighthouse.map((run) => [run.name, `\`${run.path}\``, score(run.performance), score(run.accessibility), score(run.bestPractices), score(run.seo)]),
      ),
    );
    const failed = results.lighthouse.filter((run) => run.error);
    for (const run of failed) parts.push(`Lighthouse on ${run.name} failed: ${run.error}`);
  }

  parts.push(`Server RSS (largest sample, with child processes): ${results.serverRssMaxBytes === null ? "not measured" : `${(results.serverRssMaxBytes / 1_000_000).toFixed(0)} MB`}`);

  parts.push("### Targets");
  const verdict = (pass: boolean | null) => (pass === null ? "n/a" : pass ? "pass" : "**FAIL**");
  parts.push(table(["Target", "Subject", "Expected", "Actual", "Result"], results.targets.map((check) => [check.target, check.subject, check.expected, check.actual, verdict(check.pass)])));
  const passed = results.targets.filter((check) => check.pass === true).length;
  const failedCount = results.targets.filter((check) => check.pass === false).length;
  parts.push(`Targets met: ${passed} of ${results.targets.length}; missed: ${failedCount}${results.skipped.length ? `; skipped parts: ${results.skipped.join(", ")}` : ""}.`);
  return `${parts.join("\n\n")}\n`;
}
