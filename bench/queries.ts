import { sql } from "drizzle-orm";
// Renamed: it is no React hook, whatever its name says.
import {
  currentDatabase,
  useDatabase as setProcessDatabase,
  type Database,
  type DatabaseHandle,
} from "../db";
import { listComments } from "../lib/comments/queries";
import { listStartingPoints } from "../lib/starting-points/queries";
import { COUNT_CAP, facetCounts } from "../lib/stories/facets";
import { countPublishedStories, listPublishedStories } from "../lib/stories/listing";
import { getStoryBySlug } from "../lib/stories/story";
import { searchSnippets } from "../lib/stories/search";
import {
  capturingDatabase,
  explain,
  isExplainable,
  seqScannedBigTables,
  summarisePlan,
  type CapturedStatement,
} from "./plans";

/*
 * Times the queries behind the pages everyone sees, through the same functions the pages call,
 * and explains each statement they send with the planner's default settings on the real data.
 * bench/run.ts calls it at several data sizes; the times should barely grow with the data.
 *
 * The lib modules import "server-only": run under `node --conditions=react-server --import tsx`.
 */

export type QueryTiming = {
  name: string;
  medianMs: number;
  p95Ms: number;
  rows: number;
  /** Compact plan of every statement sent: node types with their table or index, `;` between statements. */
  plan: string;
  /** Big tables read sequentially by any statement; should be []. */
  seqScans: string[];
};

type Measured = { name: string; run: () => Promise<number> };

function kindOf(db: Database): DatabaseHandle["kind"] {
  const client = (db as unknown as { $client: { exec?: unknown; waitReady?: unknown } }).$client;
  // PGlite has exec() and waitReady; a pg Pool has neither.
  return typeof client.exec === "function" && "waitReady" in client ? "pglite" : "postgres";
}

async function one<T>(db: Database, query: ReturnType<typeof sql>): Promise<T | undefined> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows[0];
}

/** A frequent word of recent stories (stemmed as stored), so the search has many matches. */
async function commonWord(db: Database): Promise<string> {
  const row = await one<{ word: string }>(
    db,
    sql`select word from ts_stat($$select search_vector from stories where status = 'published' order by published_at desc nulls last limit 300$$)
        where length(word) > 3 order by ndoc desc, word limit 1`,
  );
  return row?.word ?? "practice";
}

async function storyWithComments(db: Database, preferred: string): Promise<{ id: string; slug: string }> {
  const wanted = await one<{ id: string; slug: string }>(
    db,
    sql`select id, slug from stories where slug = ${preferred}`,
  );
  if (wanted) return wanted;
  const most = await one<{ id: string; slug: string }>(
    db,
    sql`select id, slug from stories where status = 'published' order by comment_count desc nulls last, published_at desc nulls last, id desc nulls last limit 1`,
  );
  if (!most) throw new Error("measureQueries needs at least one published story.");
  return most;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export async function measureQueries(
  handle: { db: Database },
  options: { iterations?: number } = {},
): Promise<QueryTiming[]> {
  const iterations = options.iterations ?? 20;
  const kind = kindOf(handle.db);
  const previous = currentDatabase();
  const base: DatabaseHandle = { db: handle.db, kind, close: async () => undefined };
  setProcessDatabase(base);
  try {
    const db = handle.db;
    const [word, big, medium] = await Promise.all([
      commonWord(db),
      storyWithComments(db, "scale-story-500-comments"),
      storyWithComments(db, "scale-story-50-comments"),
    ]);
    const firstPage = await listPublishedStories({ locale: "en" });
    const startingPoints = await listStartingPoints("en");
    const busiest =
      [...startingPoints].sort((a, b) => b.storyCount - a.storyCount)[0]?.slug ?? "using-knowledge";

    const measured: Measured[] = [
      {
        name: "home: latest stories",
        run: async () => (await listPublishedStories({ locale: "en", limit: 6 })).items.length,
      },
      { name: "home: starting points with counts", run: async () => (await listStartingPoints("en")).length },
      {
        name: "/stories newest, first page",
        run: async () => (await listPublishedStories({ locale: "en" })).items.length,
      },
      {
        name: "/stories newest, keyset second page",
        run: async () => (await listPublishedStories({ locale: "en", after: firstPage.older })).items.length,
      },
      {
        name: "/stories most discussed, first page",
        run: async () => (await listPublishedStories({ locale: "en", sort: "discussed" })).items.length,
      },
      { name: "/stories total", run: async () => Number((await countPublishedStories({})) > 0) },
      {
        name: `/stories total, capped at ${COUNT_CAP}`,
        run: async () => Number((await countPublishedStories({}, { cap: COUNT_CAP })) > 0),
      },
      { name: "/stories facets", run: async () => Object.keys((await facetCounts({})).languages).length },
      {
        name: `/stories facets, among the newest ${COUNT_CAP}`,
        run: async () => Object.keys((await facetCounts({}, { sample: COUNT_CAP })).languages).length,
      },
      {
        name: `/starting-points/${busiest}`,
        run: async () =>
          (await listPublishedStories({ locale: "en", filters: { startingPoints: [busiest] } })).items.length,
      },
      {
        name: `search "${word}" (common word), with snippets`,
        run: async () => {
          const page = await listPublishedStories({ locale: "en", filters: { q: word } });
          await searchSnippets(
            page.items.map((story) => story.id),
            word,
          );
          return page.items.length;
        },
      },
      {
        name: `search "${word}" total`,
        run: async () => Number((await countPublishedStories({ q: word })) > 0),
      },
      {
        name: `search "${word}" total, capped at ${COUNT_CAP}`,
        run: async () => Number((await countPublishedStories({ q: word }, { cap: COUNT_CAP })) > 0),
      },
      {
        name: `search "${word}" facets, among the newest ${COUNT_CAP}`,
        run: async () =>
          Object.keys((await facetCounts({ q: word }, { sample: COUNT_CAP })).languages).length,
      },
      { name: "story by slug", run: async () => Number((await getStoryBySlug(big.slug, "en")) !== null) },
      {
        name: `comments, first page (${big.slug})`,
        run: async () => (await listComments({ storyId: big.id })).items.length,
      },
      {
        name: `comments, first page (${medium.slug})`,
        run: async () => (await listComments({ storyId: medium.id })).items.length,
      },
    ];

    const timings: QueryTiming[] = [];
    for (const query of measured) {
      // The warm-up run is also the one whose statements get explained.
      const capture = await capturingDatabase(base);
      setProcessDatabase({ ...base, db: capture.db });
      const rows = await query.run();
      setProcessDatabase(base);
      const durations: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const start = performance.now();
        await query.run();
        durations.push(performance.now() - start);
      }
      durations.sort((a, b) => a - b);
      const plans = await explainAll(db, capture.statements);
      timings.push({
        name: query.name,
        medianMs: round(percentile(durations, 50)),
        p95Ms: round(percentile(durations, 95)),
        rows,
        plan: plans.map((plan) => plan.summary).join(" ; "),
        seqScans: [...new Set(plans.flatMap((plan) => plan.seqScans))],
      });
    }
    return timings;
  } finally {
    if (previous) setProcessDatabase(previous);
  }
}

async function explainAll(db: Database, statements: CapturedStatement[]) {
  const plans: { summary: string; seqScans: string[] }[] = [];
  for (const statement of statements.filter(isExplainable)) {
    const plan = await explain(db, statement);
    plans.push({ summary: summarisePlan(plan), seqScans: seqScannedBigTables(plan) });
  }
  return plans;
}
