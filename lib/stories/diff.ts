import { diffWordsWithSpace } from "diff";
import { STORY_FIELDS, type StoryContent, type StoryField } from "./schema";

/*
 * What changed between two versions of a story, field by field, for the history pages. Pure
 * functions (no database), so they run anywhere and are tested on their own.
 */

/** One story version's content; starting points and tools as lists, the rest as text. */
export type VersionContent = StoryContent & { startingPoints: string[] };

export type TextPart = { kind: "same" | "added" | "removed"; text: string };

export type FieldDiff =
  | { field: TextField; kind: "text"; changed: boolean; parts: TextPart[] }
  | { field: ListField; kind: "list"; changed: boolean; kept: string[]; added: string[]; removed: string[] };

/** Compared as lists: a single value (type, language) is a list of one. Every other field is text. */
const LIST_FIELDS = ["organisationType", "language", "tools", "startingPoints"] as const;
type ListField = (typeof LIST_FIELDS)[number];
type TextField = Exclude<StoryField, ListField>;

// A body is at most 20,000 characters, but two very different ones can still make the word diff
// slow (it grows with the number of differences). Past this, show the old text removed and the
// new one added: still correct, only less precise.
const DIFF_TIMEOUT_MS = 1_000;

/**
 * Word-level changes from `before` to `after`. Whitespace runs are tokens of their own (the
 * "WithSpace" variant), so changed line breaks in Markdown show up as well.
 */
export function diffText(before: string, after: string): TextPart[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const changes = diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) {
    return [
      ...(before ? [{ kind: "removed" as const, text: before }] : []),
      ...(after ? [{ kind: "added" as const, text: after }] : []),
    ];
  }
  return changes
    .filter((change) => change.value !== "")
    .map((change) => ({
      kind: change.added ? "added" : change.removed ? "removed" : "same",
      text: change.value,
    }));
}

/** Items kept, added and removed, each in the order of the list it comes from. */
export function diffList(before: readonly string[], after: readonly string[]) {
  const old = new Set(before);
  const now = new Set(after);
  return {
    kept: after.filter((item) => old.has(item)),
    added: after.filter((item) => !old.has(item)),
    removed: before.filter((item) => !now.has(item)),
  };
}

export function diffVersions(before: VersionContent, after: VersionContent): FieldDiff[] {
  // In the order of the story form.
  return STORY_FIELDS.map((field): FieldDiff => {
    if (!(LIST_FIELDS as readonly string[]).includes(field)) {
      const name = field as TextField;
      const parts = diffText(before[name], after[name]);
      return { field: name, kind: "text", changed: before[name] !== after[name], parts };
    }
    const name = field as ListField;
    const list = (value: string | string[]) => (Array.isArray(value) ? value : value ? [value] : []);
    const changes = diffList(list(before[name]), list(after[name]));
    return {
      field: name,
      kind: "list",
      changed: changes.added.length + changes.removed.length > 0,
      ...changes,
    };
  });
}
