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

const ms = (value: number) => `${fixed(value)} ms`;
const arrow = (before: string, now: string) => `${before} → ${now}`;

/**
 * "Before → now" for every figure both runs have: `before` is an earlier results file (the bench
 * of 2026-11-28, before issue 14), matched by page name.
 */
export function comparison(before: BenchResults, now: BenchResults): string {
  const rows: string[][] = [];
  for (const page of now.pages) {
    const old = before.pages.find((candidate) => candidate.name === page.name);
    if (!old) continue;
    rows.push([
      `${page.name}: req/s`,
      arrow(integer(old.app.requestsPerSecond), integer(page.app.requestsPerSecond)),
    ]);
    rows.push([`${page.name}: p99`, arrow(ms(old.app.p99), ms(page.app.p99))]);
    rows.push([
      `${page.name}: share of the limit`,
      arrow(`${fixed(old.ratio * 100)}%`, `${fixed(page.ratio * 100)}%`),
    ]);
    rows.push([`${page.name}: bytes`, arrow(integer(old.bytes), integer(page.bytes))]);
  }
  if (before.comments && now.comments)
    rows.push(["Comment posting p95", arrow(ms(before.comments.p95), ms(now.comments.p95))]);
  for (const route of now.firstLoadJs) {
    const old = before.firstLoadJs.find((candidate) => candidate.route === route.route);
    if (old) rows.push([`First-load JS ${route.route}`, arrow(kb(old.gzipBytes), kb(route.gzipBytes))]);
  }
  for (const run of now.lighthouse) {
    const old = before.lighthouse.find((candidate) => candidate.name === run.name);
    if (old)
      rows.push([
        `Lighthouse performance, ${run.name}`,
        arrow(score(old.performance), score(run.performance)),
      ]);
  }
  const mb = (bytes: number | null | undefined) =>
    bytes === null || bytes === undefined ? "–" : `${(bytes / 1_000_000).toFixed(0)} MB`;
  rows.push([
    "Server RSS, largest process",
    arrow(
      mb(before.serverProcessRssMaxBytes ?? before.serverRssMaxBytes),
      mb(now.serverProcessRssMaxBytes ?? now.serverRssMaxBytes),
    ),
  ]);
  if (now.signedIn?.before)
    rows.push([
      "Signed-in story page req/s (this run, previous settings)",
      arrow(
        integer(now.signedIn.before.app.requestsPerSecond),
        integer(now.signedIn.now.app.requestsPerSecond),
      ),
    ]);
  if (now.signedIn?.before)
    rows.push([
      "Signed-in story page p99 (this run, previous settings)",
      arrow(ms(now.signedIn.before.app.p99), ms(now.signedIn.now.app.p99)),
    ]);
  return table(["Figure", `Before (${before.date}) → now (${now.date})`], rows);
}

export function renderReport(results: BenchResults, before: BenchResults | null = null): string {
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
        [
          "Page",
          "Path",
          "Bytes",
          "req/s",
          "p50 ms",
          "p99 ms",
          "Errors",
          "Limit req/s",
          "Limit p99 ms",
          "App/limit",
        ],
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
        [
          "Members",
          "Seconds",
          "Posts",
          "2xx",
          "Failed",
          "p50 ms",
          "p95 ms",
          "Rows counted",
          "Lost",
          "Doubled",
        ],
        [
          [
            c.members,
            c.durationSeconds,
            c.attempts,
            c.ok,
            c.failed,
            fixed(c.p50),
            fixed(c.p95),
            c.counted,
            c.lost,
            c.doubled,
          ],
        ],
      ),
    );
    const failures = Object.entries(c.failures);
    if (failures.length)
      parts.push(`Failures: ${failures.map(([reason, count]) => `${reason} × ${count}`).join(", ")}`);
  }

  if (results.queries.length) {
    parts.push("### Query scaling");
    const levels = results.queries;
    const largest = levels[levels.length - 1];
    // By position: a name may carry the level's most common word or busiest starting point.
    parts.push(
      table(
        [
          "Query",
          ...levels.map((level) => `${level.label} median ms`),
          `${largest.label} p95 ms`,
          `Plan (${largest.label})`,
        ],
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
        .map(
          (level) =>
            `${level.label}: ${integer(level.rows.members)} members, ${integer(level.rows.stories)} stories, ${integer(level.rows.comments)} comments (database ${level.database})`,
        )
        .join("; "),
    );
  }

  if (results.firstLoadJs.length) {
    parts.push("### First-load JavaScript");
    parts.push(
      table(
        ["Route", "Measured on", "Scripts", "Raw", "Gzip"],
        results.firstLoadJs.map((route) => [
          route.route,
          `\`${route.path}\``,
          route.scripts,
          kb(route.rawBytes),
          kb(route.gzipBytes),
        ]),
      ),
    );
  }
  const floors: string[] = [];
  if (results.firstLoadBarePage)
    floors.push(
      `a bare page (bench/bare-app: a layout and a page, no client components of its own, on the same Next and React) loads ${results.firstLoadBarePage.scripts} scripts, ${kb(results.firstLoadBarePage.gzipBytes)} gzip (${kb(results.firstLoadBarePage.rawBytes)} raw)`,
    );
  if (results.firstLoadFloorGzipBytes)
    floors.push(
      `Next's runtime (the build manifest's rootMainFiles, on every App Router page) is ${kb(results.firstLoadFloorGzipBytes)} gzip`,
    );
  if (floors.length) {
    if (!results.firstLoadJs.length) parts.push("### First-load JavaScript");
    parts.push(`The floor: ${floors.join("; ")}.`);
  }

  if (results.lighthouse.length) {
    parts.push("### Lighthouse (mobile)");
    parts.push(
      table(
        ["Page", "Path", "Performance", "Accessibility", "Best practices", "SEO"],
        results.lighthouse.map((run) => [
          run.name,
          `\`${run.path}\``,
          score(run.performance),
          score(run.accessibility),
          score(run.bestPractices),
          score(run.seo),
        ]),
      ),
    );
    const failed = results.lighthouse.filter((run) => run.error);
    for (const run of failed) parts.push(`Lighthouse on ${run.name} failed: ${run.error}`);
  }

  const scenarios = [results.burst, results.signedIn?.before, results.signedIn?.now].filter(
    (scenario) => scenario,
  );
  if (scenarios.length) {
    parts.push("### Burst and members");
    parts.push(
      table(
        ["Scenario", "Path", "Connections", "Server settings", "req/s", "p50 ms", "p99 ms", "Errors"],
        scenarios.map((scenario) => [
          scenario!.name,
          `\`${scenario!.path}\``,
          scenario!.connections,
          scenario!.serverSettings
            ? Object.entries(scenario!.serverSettings)
                .map(([name, value]) => `${name}=${value}`)
                .join(" ")
            : "npm start defaults",
          integer(scenario!.app.requestsPerSecond),
          fixed(scenario!.app.p50),
          fixed(scenario!.app.p99),
          scenario!.app.errors,
        ]),
      ),
    );
  }

  if (results.startup) {
    parts.push("### Embedded mode: `npm start` to the first page");
    parts.push(
      table(
        ["Data folder", "Time"],
        [
          ["fresh (migrations and seed)", ms(results.startup.freshDataMs)],
          ["existing", ms(results.startup.existingDataMs)],
        ],
      ),
    );
  }
  const mbOf = (bytes: number | null | undefined) =>
    bytes === null || bytes === undefined ? "not measured" : `${(bytes / 1_000_000).toFixed(0)} MB`;
  parts.push(
    `Server RSS, largest sample: ${mbOf(results.serverProcessRssMaxBytes)} for the largest server process` +
      `${results.serverProcesses ? ` (${results.serverProcesses} server process${results.serverProcesses === 1 ? "" : "es"})` : ""}; ${mbOf(results.serverRssMaxBytes)} for the whole process tree.`,
  );

  parts.push("### Targets");
  const verdict = (pass: boolean | null) => (pass === null ? "n/a" : pass ? "pass" : "**FAIL**");
  parts.push(
    table(
      ["Target", "Subject", "Expected", "Actual", "Result"],
      results.targets.map((check) => [
        check.target,
        check.subject,
        check.expected,
        check.actual,
        verdict(check.pass),
      ]),
    ),
  );
  const passed = results.targets.filter((check) => check.pass === true).length;
  const failedCount = results.targets.filter((check) => check.pass === false).length;
  parts.push(
    `Targets met: ${passed} of ${results.targets.length}; missed: ${failedCount}${results.skipped.length ? `; skipped parts: ${results.skipped.join(", ")}` : ""}.`,
  );
  if (before) {
    parts.push("### Before → now");
    parts.push(comparison(before, results));
  }
  return `${parts.join("\n\n")}\n`;
}
