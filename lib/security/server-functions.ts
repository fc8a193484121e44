import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/*
 * Next lists every server function of a build in one manifest, by id: the server actions, and
 * also every `"use cache"` function (lib/cache/reads.ts and the like), because it calls those
 * through the same machinery. Anything in that manifest can be invoked from outside, with the id
 * in a `Next-Action` header or in a form field (`$ACTION_ID_<id>`), whatever the arguments: a
 * cached read called that way returned a draft, a hidden comment's words or an uncapped listing
 * (issue 15, item 4). The cached reads trust their callers, the pages, to decide who may see
 * what; so they must not be callable at all.
 *
 * The server therefore takes them out of the manifest before Next loads it. Next then answers
 * their ids as it answers any unknown action, in both ways of calling one. The cached reads keep
 * working: a page calls them directly, and their cache keys do not go through the manifest.
 * What was taken out is kept beside it, for the test that proves each of them refuses
 * (e2e/hardening.spec.ts) and for whoever wonders where they went (decision 032).
 */

export const MANIFEST = path.join("server", "server-reference-manifest");
export const WITHHELD = path.join("server", "vertrekpunt-withheld-server-functions.json");

type Entry = { filename?: string; exportedName?: string; workers: Record<string, unknown> };
type Manifest = { node: Record<string, Entry>; edge: Record<string, Entry>; encryptionKey?: string };
export type WithheldFunction = { id: string; filename?: string; exportedName?: string };

/**
 * Whether an id is a `"use cache"` function's: the top bit of its first byte says so
 * (`extractInfoFromServerReferenceId` in next/dist/shared/lib/server-reference-info.js).
 */
export function isCacheFunctionId(id: string): boolean {
  return /^[0-9a-f]{2}/i.test(id) && (parseInt(id.slice(0, 2), 16) & 0x80) !== 0;
}

/**
 * Removes the `"use cache"` functions from the build in `distDir` (`.next`). Safe to run again
 * and from several processes at once: each file is replaced whole.
 */
export function withholdCacheFunctions(distDir: string): WithheldFunction[] {
  const jsonFile = path.join(distDir, `${MANIFEST}.json`);
  if (!existsSync(jsonFile)) return [];
  const manifest = JSON.parse(readFileSync(jsonFile, "utf8")) as Manifest;
  const withheldFile = path.join(distDir, WITHHELD);
  const withheld = new Map<string, WithheldFunction>();
  if (existsSync(withheldFile))
    for (const entry of JSON.parse(readFileSync(withheldFile, "utf8")) as WithheldFunction[])
      withheld.set(entry.id, entry);

  let changed = false;
  for (const runtime of ["node", "edge"] as const) {
    for (const [id, entry] of Object.entries(manifest[runtime] ?? {})) {
      if (!isCacheFunctionId(id)) continue;
      withheld.set(id, { id, filename: entry.filename, exportedName: entry.exportedName });
      delete manifest[runtime][id];
      changed = true;
    }
  }
  if (!changed) return [...withheld.values()];

  replace(withheldFile, JSON.stringify([...withheld.values()], null, 2));
  replace(jsonFile, JSON.stringify(manifest, null, 2));
  // The same manifest for the edge runtime, as a script; nothing here runs there, but it is kept equal.
  const jsFile = path.join(distDir, `${MANIFEST}.js`);
  if (existsSync(jsFile))
    replace(jsFile, `self.__RSC_SERVER_MANIFEST=${JSON.stringify(JSON.stringify(manifest))}`);
  return [...withheld.values()];
}

function replace(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
