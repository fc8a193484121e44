import { createRequire } from "node:module";
import { spawnTracked, waitForSuccess } from "./processes";
import type { LoadResult } from "./types";

/*
 * Load comes from autocannon's CLI in a process of its own, so the load generator never shares
 * an event loop (or a core's worth of JavaScript) with the runner or the server it measures.
 */

const AUTOCANNON = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

export type LoadSettings = { connections: number; durationSeconds: number; warmupSeconds: number };

/** The fields of autocannon's `--json` report that the bench reads. */
export type AutocannonReport = {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
};

export function summariseAutocannon(report: AutocannonReport): LoadResult {
  return {
    requestsPerSecond: report.duration > 0 ? report.requests.total / report.duration : 0,
    p50: report.latency.p50,
    p99: report.latency.p99,
    errors: report.errors + report.timeouts + report.non2xx,
    requests: report.requests.total,
    durationSeconds: report.duration,
  };
}

async function autocannon(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string>,
): Promise<AutocannonReport> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const child = spawnTracked("autocannon", process.execPath, [
    AUTOCANNON,
    "--json",
    "--no-progress",
    "-c",
    String(connections),
    "-d",
    String(seconds),
    ...headerArgs,
    url,
  ]);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.on("data", (chunk: string) => (stderr += chunk));
  await waitForSuccess(child, "autocannon", () => stderr);
  const line = stdout
    .trim()
    .split("\n")
    .findLast((candidate) => candidate.startsWith("{"));
  if (!line) throw new Error(`autocannon printed no JSON report:\n${stdout}\n${stderr}`);
  return JSON.parse(line) as AutocannonReport;
}

/** A warm-up run (thrown away), then the measured run; `headers` go with every request (a session cookie). */
export async function measure(
  url: string,
  settings: LoadSettings,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  if (settings.warmupSeconds > 0)
    await autocannon(url, settings.connections, settings.warmupSeconds, headers);
  return summariseAutocannon(await autocannon(url, settings.connections, settings.durationSeconds, headers));
}
