import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "./messages/en.json";
import { CLIENT_NAMESPACES, clientMessages } from "./client-messages";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const clientFiles = ["app", "components", "lib"].flatMap((dir) => sourceFiles(path.join(ROOT, dir))).filter((file) => /^["']use client["']/m.test(readFileSync(file, "utf8")));

describe("messages sent to the browser", () => {
  it("include every namespace a client component translates with", () => {
    const used = new Set<string>();
    for (const file of clientFiles) {
      for (const match of readFileSync(file, "utf8").matchAll(/useTranslations\(\s*["']([a-zA-Z]+)/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((name) => !(CLIENT_NAMESPACES as readonly string[]).includes(name))).toEqual([]);
  });

  it("are the named namespaces of the catalogue, and leave the rest out", () => {
    const picked = clientMessages(en);
    expect(Object.keys(picked).sort()).toEqual([...CLIENT_NAMESPACES].sort());
    expect(picked.storyForm).toEqual(en.storyForm);
    expect("mail" in picked).toBe(false);
    expect(JSON.stringify(picked).length).toBeLessThan(JSON.stringify(en).length);
  });
});
