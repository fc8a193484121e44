import { describe, expect, it } from "vitest";
import en from "./messages/en.json";
import nl from "./messages/nl.json";

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
  }
  return entries;
}

/*
 * Dutch texts that may read exactly like the English ones: names, and words Dutch uses as they
 * are. Anything else identical in both catalogues is English left in the Dutch interface.
 * Keep this list short; add a key only with the reason it is not a translation gap.
 */
const SAME_IN_BOTH: Record<string, string> = {
  "meta.siteName": "the platform's name",
  "nav.english": "each language is named in its own language in the switcher",
  "nav.dutch": "each language is named in its own language in the switcher",
  "nav.account": "“account” is the Dutch word too",
  "settings.accountTitle": "“account” is the Dutch word too",
  "settings.website": "“website” is the Dutch word too",
  "admin.role_moderator": "“moderator” is the Dutch word too",
  "model.kappa": "the name of the statistic (Cohen's kappa)",
  "feedback.filters": "“filters” is the Dutch word too",
  "footer.privacy": "“privacy” is the Dutch word too",
  "nav.menu": "“menu” is the Dutch word too",
};

/** A text with no words of its own, such as "{field}: {message}", has nothing to translate. */
function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replace(/\{[^{}]*\}/g, ""));
}

/** The names of a message's arguments (`{count, plural, …}` gives "count"; the texts of its branches are not arguments). */
function placeholders(text: string): string {
  const names = new Set<string>();
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === "{") {
      // ICU nests arguments inside plural branches at even depths: {count, plural, one {{name} …}}
      if (depth % 2 === 0) names.add(/^\{\s*(\w+)/.exec(text.slice(index))?.[1] ?? "");
      depth++;
    } else if (text[index] === "}") depth--;
  }
  return [...names].sort().join(",");
}

const english = flatten(en as Catalogue);
const dutch = flatten(nl as Catalogue);

describe("the English and Dutch catalogues", () => {
  it("have the same keys", () => {
    expect(
      [...dutch.keys()].filter((key) => !english.has(key)),
      "only in nl.json",
    ).toEqual([]);
    expect(
      [...english.keys()].filter((key) => !dutch.has(key)),
      "only in en.json",
    ).toEqual([]);
  });

  it("have no Dutch text that is still the English one", () => {
    const untranslated = [...english]
      .filter(([key, text]) => dutch.get(key) === text && hasWords(text) && !(key in SAME_IN_BOTH))
      .map(([key, text]) => `${key}: ${text}`);
    expect(untranslated).toEqual([]);
  });

  it("allow only keys that exist and still read the same", () => {
    const stale = Object.keys(SAME_IN_BOTH).filter(
      (key) => !english.has(key) || english.get(key) !== dutch.get(key),
    );
    expect(stale).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const differing = [...english]
      .filter(([key, text]) => placeholders(text) !== placeholders(dutch.get(key) ?? ""))
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });
});
