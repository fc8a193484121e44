import { LOCALES, type Locale } from "@/lib/i18n/locales";

/*
 * Plain helpers for share cards and their metadata: no server or React imports, so unit
 * tests can load them directly.
 */

// Emoji would make next/og fetch an emoji font from the network (and fail the render when
// that is not reachable); joiners and variation selectors only make sense next to them.
const UNDRAWABLE = /[\p{Extended_Pictographic}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}]/gu;

/** Collapses white space and drops characters the built-in card font cannot draw offline. */
export function drawableText(text: string): string {
  return text.replace(UNDRAWABLE, "").replace(/\s+/g, " ").trim();
}

/**
 * At most `max` characters (counting code points), cut at a word boundary when one is close
 * and ended with an ellipsis, so long titles fit on the card.
 */
export function clampText(text: string, max: number): string {
  const clean = drawableText(text);
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  const cut = chars.slice(0, Math.max(max - 1, 1)).join("");
  const space = cut.lastIndexOf(" ");
  const head = space >= cut.length * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,.;:!?–—-]+$/u, "")}…`;
}

/** The Open Graph locale (language_TERRITORY) for one of the app's languages. */
export function openGraphLocale(language: string): string {
  return language === "nl" ? "nl_NL" : "en_GB";
}

/** The Open Graph locales other than `language`, for og:locale:alternate. */
export function alternateOpenGraphLocales(language: Locale): string[] {
  return LOCALES.filter((l) => l !== language).map(openGraphLocale);
}
