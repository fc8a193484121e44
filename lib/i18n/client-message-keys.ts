/*
 * Which catalogue keys client components translate with, found in their source: only those
 * travel to the browser (app/layout.tsx), not whole namespaces (issue 14: the catalogue was
 * 27.6 kB of every page). `npm run i18n:client-keys` writes the list to
 * client-message-keys.json; a unit test fails when that file is out of date.
 *
 * A key is kept as precisely as the source allows: `t("label")` keeps one key, a template
 * `t(`sort_${value}`)` keeps every key starting with `sort_`, and a translator used in any other
 * way (passed to a function, called with a variable) keeps its whole namespace. A file whose
 * translator is used in ways the source does not show (`useTranslations()` handed to zod's error
 * map) names what it needs in a directive, `// client-messages: validation settings.websiteInvalid`,
 * and then its bindings without a namespace add nothing more.
 */

/** "ns.key", "ns.prefix*" or "ns" (the whole namespace). */
export type KeyPattern = string;

const DIRECTIVE = /\/\/\s*client-messages:\s*([^\n]+)/g;
const BINDING = /(?:const|let|var)\s+(\w+)\s*=\s*useTranslations\(\s*(?:["']([\w.]+)["'])?\s*\)/g;

export function clientMessageKeys(sources: readonly string[]): KeyPattern[] {
  const patterns = new Set<KeyPattern>();
  for (const source of sources) {
    const declared = [...source.matchAll(DIRECTIVE)].flatMap(([, list]) => list.trim().split(/\s+/));
    for (const pattern of declared) patterns.add(pattern);
    const namespacesOf = new Map<string, Set<string>>();
    for (const [, name, namespace = ""] of source.matchAll(BINDING)) {
      if (!namespacesOf.has(name)) namespacesOf.set(name, new Set());
      namespacesOf.get(name)!.add(namespace);
    }
    for (const [name, namespaces] of namespacesOf) {
      if (declared.length && namespaces.has("")) continue;
      const add = (key: string) => {
        for (const namespace of namespaces) patterns.add([namespace, key].filter(Boolean).join("."));
      };
      // Not part of a word, a property or a class name ("rounded-t"), nor an apostrophe ("don't").
      const uses = new RegExp(
        `(?<![\\w$.'’-])${name}\\b(?!\\s*=\\s*useTranslations)(\\.(?:rich|markup|raw|has))?(\\s*\\(\\s*(?:"([\\w.]+)"|'([\\w.]+)'|\`([\\w.]*)(\\$\\{|\`)))?`,
        "g",
      );
      for (const use of source.matchAll(uses)) {
        const [whole, , call, double, single, template, templateEnd] = use;
        // The binding itself: `const t = useTranslations(...)`.
        if (source.slice(Math.max(0, use.index - 20), use.index).match(/(?:const|let|var)\s+$/)) continue;
        const literal = double ?? single ?? (templateEnd === "`" ? template : undefined);
        if (call && literal !== undefined) add(literal);
        else if (call && template !== undefined) add(`${template}*`);
        else if (whole.length) add("");
      }
    }
  }
  // A whole namespace covers its keys.
  const wholes = [...patterns].filter((pattern) => !pattern.includes("."));
  return [...patterns]
    .filter(
      (pattern) =>
        !wholes.some((whole) => pattern !== whole && (pattern.startsWith(`${whole}.`) || whole === "")),
    )
    .sort();
}

type Catalogue = { [key: string]: string | Catalogue };

/** The part of `messages` the patterns name. */
export function pickMessages(messages: Catalogue, patterns: readonly KeyPattern[]): Catalogue {
  const picked: Catalogue = {};
  const put = (target: Catalogue, path: string[], value: string | Catalogue) => {
    let node = target;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Catalogue;
    node[path[path.length - 1]] = value;
  };
  for (const pattern of patterns) {
    if (pattern === "") return messages;
    const path = pattern.split(".");
    const last = path[path.length - 1];
    let parent: string | Catalogue | undefined = messages;
    for (const part of path.slice(0, -1)) parent = typeof parent === "object" ? parent[part] : undefined;
    if (typeof parent !== "object") continue;
    if (last.endsWith("*")) {
      const prefix = last.slice(0, -1);
      for (const [key, value] of Object.entries(parent))
        if (key.startsWith(prefix)) put(picked, [...path.slice(0, -1), key], value);
    } else if (parent[last] !== undefined) {
      put(picked, path, parent[last]);
    }
  }
  return picked;
}
