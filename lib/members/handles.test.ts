import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { slugify } from "../stories/slug";
import { handleBase, handleCandidate, isReservedHandle } from "./handles";

describe("handles", () => {
  it("transliterate Cyrillic and Greek instead of dropping look-alike letters", () => {
    expect(handleBase("\u0410lice")).toBe("alice"); // a Cyrillic А
    expect(handleBase("Алиса Петрова")).toBe("alisa-petrova");
    expect(handleBase("Олександр Шевченко")).toBe("oleksandr-shevchenko");
    expect(handleBase("Νίκος")).toBe("nikos");
    expect(handleBase("Anna de Vries")).toBe("anna-de-vries");
    expect(handleBase("Zoë Ørsted-Łukasz")).toBe("zoe-orsted-lukasz");
    expect(handleBase("ａｄｍｉｎ")).toBe("admin");
  });

  it("leave out a word with letters that cannot be written in a–z whole, never in part", () => {
    // An Armenian օ in "John": the word goes, not just its letter ("jhn").
    expect(handleBase("J\u0585hn Smith")).toBe("smith");
    expect(handleBase("张伟")).toBe("member");
    expect(handleBase("")).toBe("member");
  });

  it("never hand out role or route words", () => {
    for (const name of ["Admin", "MODERATOR", "Модератор", "settings", "New", "api"]) {
      const base = handleBase(name);
      expect(isReservedHandle(base)).toBe(true);
      expect(handleCandidate(base, 0)).toBe(`${base}-2`);
    }
    expect(handleCandidate("anna", 0)).toBe("anna");
    expect(handleCandidate("anna", 1)).toBe("anna-2");
  });

  it("reserve every static route segment under app/", () => {
    const segments = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        if (!/^[[(_@]/.test(entry.name)) segments.add(entry.name);
        walk(path.join(dir, entry.name));
      }
    };
    walk(path.resolve(import.meta.dirname, "../../app"));
    expect(segments.size).toBeGreaterThan(20);
    const missing = [...segments].filter(
      (segment) =>
        !isReservedHandle(slugify(segment)) || !isReservedHandle(slugify(segment.replace(/\.[a-z]+$/, ""))),
    );
    expect(missing).toEqual([]);
  });
});
