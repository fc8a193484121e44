import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/*
 * Which client components ("use client") each route renders, read from the source: the imports
 * of a page or layout, followed through server and client modules alike. The message keys of
 * exactly those components travel with the page (lib/i18n/client-messages.ts); those of the
 * components it loads only on demand (`import()`, next/dynamic) travel only when it says so.
 */

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;
const EXTENSIONS = [".tsx", ".ts", "/index.tsx", "/index.ts"];

const isClient = (source: string) => /^["']use client["']/m.test(source);

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function resolveImport(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(path.join(root, from)), specifier);
  else return null; // a package: its components never translate with our catalogue
  for (const candidate of [base, ...EXTENSIONS.map((extension) => base + extension)]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile())
      return path.relative(root, candidate);
  }
  return null;
}

/**
 * The client components `entries` (paths from `root`) render, directly or through other modules;
 * with `onDemand: false`, only those reached through static imports.
 */
export function clientModulesOf(
  root: string,
  entries: readonly string[],
  { onDemand = true }: { onDemand?: boolean } = {},
): string[] {
  const seen = new Set<string>();
  const clients = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(path.join(root, file), "utf8");
    if (isClient(source)) clients.add(file);
    for (const [, staticSpecifier, dynamicSpecifier] of source.matchAll(IMPORT)) {
      if (dynamicSpecifier && !onDemand) continue;
      const resolved = resolveImport(root, file, staticSpecifier ?? dynamicSpecifier);
      if (resolved && !seen.has(resolved)) queue.push(resolved);
    }
  }
  return [...clients].sort();
}

/** Every page of the app (app/**\/page.tsx), by path from `root`. */
export function pageFiles(root: string): string[] {
  return listFiles(path.join(root, "app"))
    .map((file) => path.relative(root, file))
    .filter((file) => /(?:^|\/)page\.tsx$/.test(file))
    .sort();
}

/**
 * What renders around every page rather than in it: the layouts, and the error, not-found and
 * forbidden pages Next shows inside the root layout. Their client components translate with the
 * root layout's messages.
 */
export function frameFiles(root: string): string[] {
  return listFiles(path.join(root, "app"))
    .map((file) => path.relative(root, file))
    .filter((file) =>
      /(?:^|\/)(?:layout|error|not-found|forbidden|unauthorized|loading|template)\.tsx$/.test(file),
    )
    .sort();
}
