import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../tests/support/ports";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./first-load";
import { captureOutput, spawnTracked, stopProcess, waitForSuccess, waitUntil } from "./processes";
import type { LighthouseResult } from "./types";

/*
 * Lighthouse 12 (the last line that runs on Node 20) with its default mobile settings. The bench
 * starts Chromium itself and hands Lighthouse its debugging port, so the browser is one of the
 * bench's own processes and is always stopped; each run has a time limit, since there is no
 * network here and nothing may wait for it forever.
 */

const LIGHTHOUSE_CLI = createRequire(import.meta.url).resolve("lighthouse/cli/index.js");
const RUN_TIMEOUT_MS = 240_000;

type LighthouseReport = {
  categories?: Record<string, { score: number | null } | undefined>;
  runtimeError?: { code: string; message: string };
};

export function scoresFrom(name: string, pagePath: string, report: LighthouseReport): LighthouseResult {
  const score = (id: string) => {
    const value = report.categories?.[id]?.score;
    return typeof value === "number" ? Math.round(value * 100) : null;
  };
  return {
    name,
    path: pagePath,
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    ...(report.runtimeError ? { error: `${report.runtimeError.code}: ${report.runtimeError.message}` } : {}),
  };
}

async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const profile = mkdtempSync(path.join(tmpdir(), "vp-bench-chromium-"));
  const child = spawnTracked("chromium", CHROMIUM_PATH, [
    "--headless",
    ...CHROMIUM_ARGS,
    `--remote-debugging-port=${port}`,
    `--user-data-dir=${profile}`,
    "about:blank",
  ]);
  captureOutput(child);
  await waitUntil(
    async () => (await fetch(`http://127.0.0.1:${port}/json/version`).catch(() => null))?.ok === true,
    30_000,
    "Chromium's debugging port",
  );
  return {
    port,
    stop: async () => {
      await stopProcess(child);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function runLighthouse(
  baseUrl: string,
  pages: { name: string; path: string }[],
): Promise<LighthouseResult[]> {
  const results: LighthouseResult[] = [];
  for (const page of pages) {
    const chromium = await startChromium();
    const dir = mkdtempSync(path.join(tmpdir(), "vp-bench-lighthouse-"));
    const output = path.join(dir, "report.json");
    try {
      const child = spawnTracked("lighthouse", process.execPath, [
        LIGHTHOUSE_CLI,
        `${baseUrl}${page.path}`,
        `--port=${chromium.port}`,
        "--output=json",
        `--output-path=${output}`,
        "--only-categories=performance,accessibility,best-practices,seo",
        "--max-wait-for-load=60000",
        "--quiet",
      ]);
      const log = captureOutput(child);
      const timer = setTimeout(() => void stopProcess(child, "SIGKILL"), RUN_TIMEOUT_MS);
      try {
        await waitForSuccess(child, "lighthouse", log);
      } finally {
        clearTimeout(timer);
      }
      results.push(
        scoresFrom(page.name, page.path, JSON.parse(readFileSync(output, "utf8")) as LighthouseReport),
      );
    } catch (error) {
      results.push({
        name: page.name,
        path: page.path,
        performance: null,
        accessibility: null,
        bestPractices: null,
        seo: null,
        error: (error as Error).message.slice(0, 500),
      });
    } finally {
      await chromium.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
