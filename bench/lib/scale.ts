import path from "node:path";
import pg from "pg";
import { captureOutput, spawnTracked, waitForSuccess } from "./processes";

/*
 * The data sizes the bench measures at. With its own cluster each level is a database of its
 * own (kept between runs, topped up by `npm run seed:scale` when a run asks for more), so every
 * run times the queries at every size; the pages are measured on the largest.
 */

export type ScaleLevel = { label: string; members: number; stories: number; comments: number };

export const FULL_LEVELS: ScaleLevel[] = [
  { label: "10k", members: 100, stories: 1_000, comments: 10_000 },
  { label: "100k", members: 1_000, stories: 10_000, comments: 100_000 },
  { label: "1M", members: 10_000, stories: 100_000, comments: 1_000_000 },
];

export const QUICK_LEVELS: ScaleLevel[] = [
  { label: "1k", members: 20, stories: 100, comments: 1_000 },
  { label: "3k", members: 40, stories: 300, comments: 3_000 },
];

export function databaseName(level: ScaleLevel): string {
  return `bench_${level.members}m_${level.stories}s_${level.comments}c`;
}

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** `npm run seed:scale` (its script, run directly) against `databaseUrl`: adds whatever the level still misses. */
export async function seedLevel(level: ScaleLevel, databaseUrl: string): Promise<void> {
  const args = [
    "--members",
    String(level.members),
    "--stories",
    String(level.stories),
    "--comments",
    String(level.comments),
  ];
  const child = spawnTracked(
    "seed:scale",
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "seed-scale.ts"), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    },
  );
  const output = captureOutput(child, `  [seed ${level.label}]`);
  await waitForSuccess(child, "seed:scale", output);
}

export async function countRows(
  databaseUrl: string,
): Promise<{ members: number; stories: number; comments: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ members: string; stories: string; comments: string }>(
      "SELECT (SELECT count(*) FROM users) AS members, (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM comments) AS comments",
    );
    return {
      members: Number(rows[0].members),
      stories: Number(rows[0].stories),
      comments: Number(rows[0].comments),
    };
  } finally {
    await client.end();
  }
}

/** A frequent word of recent published stories, for the search page. */
export async function commonSearchWord(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ word: string }>(
      `SELECT word FROM ts_stat($$SELECT search_vector FROM stories WHERE status = 'published' ORDER BY published_at DESC NULLS LAST LIMIT 300$$)
        WHERE length(word) > 3 AND word ~ '^[a-z]+$' ORDER BY ndoc DESC, word LIMIT 1`,
    );
    return rows[0]?.word ?? "network";
  } finally {
    await client.end();
  }
}
