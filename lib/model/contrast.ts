import { color } from "d3-color";

/*
 * Text on a coloured cell (the co-occurrence heat map, on the model page and in the embed): white
 * or near-black, whichever reads better. Plain code, no database: the heat map component and the
 * embed's HTML both use it.
 */

export const DARK_TEXT = "#1c1917"; // stone-900
export const LIGHT_TEXT = "#ffffff";

/** WCAG relative luminance of a CSS colour, or null when it is not one. */
function relativeLuminance(css: string): number | null {
  const rgb = color(css)?.rgb();
  if (!rgb) return null;
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(rgb.r) + 0.7152 * lin(rgb.g) + 0.0722 * lin(rgb.b);
}

const DARK_LUMINANCE = relativeLuminance(DARK_TEXT)!;

/** White or near-black, whichever contrasts more with the background (near-black if unreadable). */
export function contrastingTextColor(background: string): string {
  const l = relativeLuminance(background);
  if (l === null) return DARK_TEXT;
  const withWhite = 1.05 / (l + 0.05);
  const withDark = (l + 0.05) / (DARK_LUMINANCE + 0.05);
  return withWhite > withDark ? LIGHT_TEXT : DARK_TEXT;
}
