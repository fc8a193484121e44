import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/*
 * Where the server actions are: every module under lib/ and app/ that starts with "use server"
 * (decision 017). The authorisation matrix imports them to try each one; the probe of the
 * build's action manifest (e2e/hardening.spec.ts) checks that nothing else is callable.
 */

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function sourceFiles(dir: string, test: (file: string) => boolean): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "node_modules" ? [] : sourceFiles(full, test);
    return test(full) ? [full] : [];
  });
}

export function serverActionFiles(): string[] {
  return [
    ...sourceFiles(path.join(ROOT, "lib"), (f) => /\.tsx?$/.test(f)),
    ...sourceFiles(path.join(ROOT, "app"), (f) => /\.tsx?$/.test(f)),
  ].filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8")));
}

/** "lib/x/actions.ts#nameAction" for every function those modules export, read from their source. */
export function serverActionNames(): string[] {
  return serverActionFiles().flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/^export\s+(?:async\s+)?function\s+(\w+)/gm)].map(
      (match) => `${path.relative(ROOT, file)}#${match[1]}`,
    ),
  );
}
