import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The source of every client component ("use client") under app/, components/ and lib/. */
export function clientComponentSources(root: string): string[] {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return files(full);
      return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
    });
  return ["app", "components", "lib"]
    .flatMap((dir) => files(path.join(root, dir)))
    .map((file) => readFileSync(file, "utf8"))
    .filter((source) => /^["']use client["']/m.test(source));
}
