import { describe, expect, it } from "vitest";
import { startingPointPair } from "@/lib/starting-points/pair";
import { alternateOpenGraphLocales, clampText, drawableText, openGraphLocale } from "./text";

describe("clampText", () => {
  it("leaves short text alone, collapsing white space", () => {
    expect(clampText("  Short   title\n", 20)).toBe("Short title");
  });

  it("cuts long text at a word boundary with an ellipsis, within the limit", () => {
    const title =
      "How a regional ambulance service replaced its intranet with a social platform for everyone";
    const clamped = clampText(title, 40);
    expect(clamped.endsWith("…")).toBe(true);
    expect(Array.from(clamped).length).toBeLessThanOrEqual(40);
    expect(clamped).toBe("How a regional ambulance service…");
  });

  it("cuts inside a word when there is no space near the end", () => {
    expect(clampText("Samenwerkingsverbandsovereenkomst", 10)).toBe("Samenwerk…");
  });

  it("drops trailing punctuation before the ellipsis", () => {
    expect(clampText("One, two, three, four, five", 12)).toBe("One, two…");
  });

  it("counts code points, so accented and astral characters are never split", () => {
    expect(clampText("Één café", 8)).toBe("Één café");
    expect(Array.from(clampText("𝒜".repeat(20), 5))).toHaveLength(5);
  });
});

describe("drawableText", () => {
  it("drops emoji (next/og would fetch a font for them) but keeps accents and punctuation", () => {
    expect(drawableText("We 💚 open werken 👩🏽‍💻 – “samen”")).toBe("We open werken – “samen”");
  });
});

describe("startingPointPair", () => {
  it("reads a+b, with the plus plain or encoded", () => {
    expect(startingPointPair("using-knowledge+learning-with-outside-world")).toEqual([
      "using-knowledge",
      "learning-with-outside-world",
    ]);
    expect(startingPointPair("a%2Bb")).toEqual(["a", "b"]);
  });

  it("is null for one slug, the same slug twice, empty halves or malformed escapes", () => {
    expect(startingPointPair("using-knowledge")).toBeNull();
    expect(startingPointPair("a+a")).toBeNull();
    expect(startingPointPair("a+")).toBeNull();
    expect(startingPointPair("a+b+c")).toBeNull();
    expect(startingPointPair("%E0%A4%A")).toBeNull();
  });
});

describe("Open Graph locales", () => {
  it("maps the app's languages and lists the other one as alternate", () => {
    expect(openGraphLocale("nl")).toBe("nl_NL");
    expect(openGraphLocale("en")).toBe("en_GB");
    expect(alternateOpenGraphLocales("en")).toEqual(["nl_NL"]);
    expect(alternateOpenGraphLocales("nl")).toEqual(["en_GB"]);
  });
});
