import { interpolateBlues } from "d3-scale-chromatic";
import { describe, expect, it } from "vitest";
import { contrastingTextColor, DARK_TEXT, LIGHT_TEXT } from "./contrast";

describe("contrastingTextColor", () => {
  it("puts dark text on light cells and white text on dark ones, whatever form d3 gives the colour in", () => {
    expect(contrastingTextColor("#ffffff")).toBe(DARK_TEXT);
    expect(contrastingTextColor("rgb(247, 251, 255)")).toBe(DARK_TEXT);
    expect(contrastingTextColor("#08306b")).toBe(LIGHT_TEXT);
    expect(contrastingTextColor("rgb(8, 48, 107)")).toBe(LIGHT_TEXT);
    expect(contrastingTextColor(interpolateBlues(0))).toBe(DARK_TEXT);
    expect(contrastingTextColor(interpolateBlues(1))).toBe(LIGHT_TEXT);
  });

  it("falls back to dark text for what is not a colour", () => {
    expect(contrastingTextColor("not a colour")).toBe(DARK_TEXT);
  });
});
