import {
  currentDatabase,
  useDatabase as setProcessDatabase,
  type Database,
  type DatabaseHandle,
} from "../db";
import { EXAMPLE_STORIES } from "../db/seed-data";
import { relearn, suggestStartingPoints, TRAINING_STORIES } from "../lib/model/suggest";
import type { QueryTiming } from "./queries";

/*
 * Times suggesting starting points for a 20,000-character story (the longest the form takes),
 * through the function the story form's action calls, on the level's data (decision 026). The
 * target is < 50 ms on the server at the full bench scale. The model is built once first, as an
 * app server does at its first suggestion; that time is reported in the row's plan column.
 *
 * Like bench/queries.ts it imports "server-only" modules: run under
 * `node --conditions=react-server --import tsx`.
 */

export const SUGGESTION_TARGET_MS = 50;
export const SUGGESTION_TEXT_LENGTH = 20_000;

/** A long English story made of the book's examples: real words, the form's maximum length. */
export function longStory(length = SUGGESTION_TEXT_LENGTH): string {
  const source = EXAMPLE_STORIES.map((story) => `${story.title}\n\n${story.summary}\n\n${story.body}`).join(
    "\n\n",
  );
  let text = "";
  while (text.length < length) text += `${source}\n\n`;
  return text.slice(0, length);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export async function measureSuggestion(
  handle: { db: Database; kind?: DatabaseHandle["kind"] },
  options: { iterations?: number } = {},
): Promise<QueryTiming> {
  const iterations = options.iterations ?? 20;
  const previous = currentDatabase();
  setProcessDatabase({ db: handle.db, kind: handle.kind ?? "postgres", close: async () => undefined });
  try {
    const built = performance.now();
    const model = await relearn();
    const buildMs = performance.now() - built;
    const input = { title: "A long story", summary: "", body: longStory(), trigger: "", language: "en" };
    const warm = await suggestStartingPoints(input, "en");
    const durations: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      await suggestStartingPoints(input, "en");
      durations.push(performance.now() - start);
    }
    durations.sort((a, b) => a - b);
    return {
      name: `suggest starting points, ${SUGGESTION_TEXT_LENGTH.toLocaleString("en")}-character story (target < ${SUGGESTION_TARGET_MS} ms)`,
      medianMs: round(percentile(durations, 50)),
      p95Ms: round(percentile(durations, 95)),
      rows: warm.length,
      plan: `model of ${model.stories.length} stories (at most ${TRAINING_STORIES}) and ${model.descriptions.length} descriptions, built in ${round(buildMs)} ms`,
      seqScans: [],
    };
  } finally {
    if (previous) setProcessDatabase(previous);
  }
}
