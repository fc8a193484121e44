import { readFileSync } from "node:fs";
import path from "node:path";
import { clientMessageKeys, type KeyPattern } from "./client-message-keys";
import { clientModulesOf, frameFiles, pageFiles } from "./client-sources";

/*
 * Which catalogue keys travel with which page (lib/i18n/client-message-keys.json, written by
 * `npm run i18n:client-keys`): the root layout carries the keys of the client components around
 * every page (layouts, error and not-found pages); a page carries the keys of the client
 * components it renders, and nothing for the others (issue 14: a story page held the sign-in,
 * story-form and moderation strings it never shows). The keys of the components a page loads
 * only on demand (`onDemand`: the story page's comment form) are kept apart, for the readers
 * who may be shown one.
 */
export type ClientMessagePlan = {
  frame: KeyPattern[];
  pages: Record<string, KeyPattern[]>;
  onDemand: Record<string, KeyPattern[]>;
};

export function clientMessagePlan(root: string): ClientMessagePlan {
  const keysOf = (files: string[]) =>
    clientMessageKeys(files.map((file) => readFileSync(path.join(root, file), "utf8")));
  const pages: Record<string, KeyPattern[]> = {};
  const onDemand: Record<string, KeyPattern[]> = {};
  for (const page of pageFiles(root)) {
    const keys = keysOf(clientModulesOf(root, [page], { onDemand: false }));
    const later = keysOf(clientModulesOf(root, [page])).filter((key) => !keys.includes(key));
    if (keys.length) pages[page] = keys;
    if (later.length) onDemand[page] = later;
  }
  return { frame: keysOf(clientModulesOf(root, frameFiles(root))), pages, onDemand };
}
