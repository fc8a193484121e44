import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import type { FirstLoadRoute } from "./types";

/*
 * First-load JavaScript, measured the way a visitor gets it: Chromium opens the page and every
 * script it fetches until the network is idle is counted, once per URL. The gzip size is
 * computed here (zlib's default level, as Next's compression uses), whatever the server sent.
 */

export type LoadedScript = { url: string; rawBytes: number; gzipBytes: number };

export function aggregateScripts(
  route: string,
  path: string,
  scripts: readonly LoadedScript[],
): FirstLoadRoute {
  const unique = new Map<string, LoadedScript>();
  for (const script of scripts) unique.set(script.url.split("#")[0], script);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const script of unique.values()) {
    rawBytes += script.rawBytes;
    gzipBytes += script.gzipBytes;
  }
  return { route, path, scripts: unique.size, rawBytes, gzipBytes };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

export async function measureFirstLoad(
  baseUrl: string,
  routes: { route: string; path: string }[],
): Promise<FirstLoadRoute[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const results: FirstLoadRoute[] = [];
    for (const { route, path } of routes) {
      const context = await browser.newContext({ locale: "en-GB" });
      const page = await context.newPage();
      const pending: Promise<LoadedScript | null>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() !== "script") return;
        pending.push(
          response
            .body()
            .then((body) => ({
              url: response.url(),
              rawBytes: body.length,
              gzipBytes: gzipSync(body).length,
            }))
            .catch(() => null),
        );
      });
      const response = await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle", timeout: 60_000 });
      if (!response?.ok()) throw new Error(`${path} answered ${response?.status()}`);
      const scripts = (await Promise.all(pending)).filter(
        (script): script is LoadedScript => script !== null,
      );
      results.push(aggregateScripts(route, path, scripts));
      await context.close();
    }
    return results;
  } finally {
    await browser.close();
  }
}

/**
 * The floor: the scripts Next puts on every App Router page whatever it shows (React, the
 * router, the runtime), from the build's manifest, gzipped as above. A bare page loads these
 * and nothing else.
 */
export function frameworkFloorGzipBytes(root: string): number | null {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, ".next", "build-manifest.json"), "utf8")) as {
      rootMainFiles?: string[];
    };
    const files = manifest.rootMainFiles ?? [];
    if (!files.length) return null;
    return files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(path.join(root, ".next", file))).length,
      0,
    );
  } catch {
    return null;
  }
}
