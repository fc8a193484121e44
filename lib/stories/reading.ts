/*
 * Which version of a story a reader sees (decision 030): the one asked for with `?lang=`, else
 * the one in the interface language, else the original. Pure, for the page and the tests.
 */

export type Readable = { language: string; title: string; summary: string; trigger: string };

export type ChosenVersion<V> = {
  version: V;
  /** The version shown is the author's translation, not the original. */
  translated: boolean;
  /** Every language the story can be read in: the original's first. */
  languages: string[];
};

export function chooseVersion<O extends Readable, T extends Readable>(
  original: O,
  translations: T[],
  locale: string,
  requested?: string | null,
): ChosenVersion<O | T> {
  const all: (O | T)[] = [
    original,
    ...translations.filter((translation) => translation.language !== original.language),
  ];
  const find = (language: string | null | undefined) =>
    language ? all.find((version) => version.language === language) : undefined;
  const version = find(requested) ?? find(locale) ?? original;
  return { version, translated: version !== original, languages: all.map((v) => v.language) };
}

/** `/stories/<slug>?lang=<language>`: the address of one version, for links and hreflang. */
export function versionPath(slug: string, language: string): string {
  return `/stories/${slug}?lang=${language}`;
}
