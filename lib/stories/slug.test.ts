import { describe, expect, it } from "vitest";
import { slugify, storySlug } from "./slug";

describe("slugs", () => {
  it("makes readable ASCII slugs", () => {
    expect(slugify("Samenwerken over grenzen: één netwerk!")).toBe("samenwerken-over-grenzen-een-netwerk");
    expect(slugify("   ")).toBe("story");
    expect(slugify("a".repeat(100)).length).toBeLessThanOrEqual(60);
  });

  it("gives two stories with one title different slugs", () => {
    const a = storySlug("Our journey");
    const b = storySlug("Our journey");
    expect(a).toMatch(/^our-journey-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
  });
});
