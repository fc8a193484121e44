import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./locales";

describe("locale negotiation", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["nl-NL,nl;q=0.9,en;q=0.8", "nl"],
    ["de-DE,de;q=0.9,nl;q=0.5", "nl"],
    ["en;q=0.5,nl;q=0.8", "nl"],
    ["fr,de", "en"],
    ["nl;q=0", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
