/*
 * `npm run seed:scale -- --members 10000 --stories 100000 --comments 1000000`: fills the
 * configured database (DATABASE_URL, or the embedded PGlite in .data/pglite) with deterministic
 * scale data for benchmarks, or tops it up to the numbers given. See docs/performance.md.
 */
import { parseArgs } from "node:util";
import { openDatabase, type DatabaseHandle } from "../db";
import {
  SCALE_MEMBER_PASSWORD,
  SCALE_STORY_500_COMMENTS,
  SCALE_STORY_50_COMMENTS,
  scaleMemberEmail,
} from "../bench/scale/generate";
import { seedScale, type ScaleCounts, type ScaleProgress, type ScaleTable } from "../bench/scale/seed";
import { createTagStore } from "../lib/cache/tag-store";
import { CACHE_TAGS } from "../lib/cache/tags";

// A flag left out asks for nothing new of that kind (existing rows always stay).
const USAGE = "Usage: npm run seed:scale -- --members <n> --stories <n> --comments <n>";

function parseCounts(argv: string[]): ScaleCounts {
  let values: Partial<Record<keyof ScaleCounts, string>>;
  try {
    const count = { type: "string" } as const;
    ({ values } = parseArgs({
      args: argv,
      options: { members: count, stories: count, comments: count },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // Node names the offending argument in its first line ("Unknown option '--users'").
    throw new Error(String((error as Error).message).split("\n")[0]);
  }
  const counts: ScaleCounts = { members: 0, stories: 0, comments: 0 };
  for (const key of Object.keys(counts) as (keyof ScaleCounts)[]) {
    const value = values[key];
    if (value === undefined) continue;
    // Allow 10_000 and 10,000 for readability.
    const n = Number(value.replace(/[_,]/g, ""));
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${key} needs a whole number, got ${value || "nothing"}`);
    counts[key] = n;
  }
  if (argv.length === 0) throw new Error("Give at least one of --members, --stories, --comments.");
  return counts;
}

/** A bar with rate and ETA on a terminal; a plain line every few seconds in a log. */
function progressReporter(): { report: ScaleProgress; finish: () => void } {
  const tty = process.stderr.isTTY;
  const started = new Map<ScaleTable, number>();
  let lastLine = 0;
  let open = false;
  const format = (table: ScaleTable, done: number, total: number) => {
    const seconds = (performance.now() - (started.get(table) ?? performance.now())) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? (total - done) / rate : 0;
    const pct = total > 0 ? done / total : 1;
    const width = 30;
    const bar = "#".repeat(Math.round(pct * width)).padEnd(width, "-");
    return `${table.padEnd(15)} [${bar}] ${done.toLocaleString("en")}/${total.toLocaleString("en")} ${Math.round(rate).toLocaleString("en")} rows/s ETA ${Math.round(eta)}s`;
  };
  return {
    report({ table, done, total }) {
      if (!started.has(table)) started.set(table, performance.now());
      const now = performance.now();
      const last = done >= total;
      if (tty) {
        process.stderr.write(`\r${format(table, done, total)}\x1b[K${last ? "\n" : ""}`);
        open = !last;
      } else if (last || now - lastLine > 5_000) {
        process.stderr.write(`${format(table, done, total)}\n`);
        lastLine = now;
      }
    },
    finish() {
      if (open) process.stderr.write("\n");
    },
  };
}

let target: ScaleCounts;
try {
  target = parseCounts(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

let handle: DatabaseHandle;
try {
  handle = await openDatabase({ prepare: true });
} catch (error) {
  console.error(`Could not open the database: ${(error as Error).message}`);
  process.exit(1);
}

const progress = progressReporter();
const started = performance.now();
try {
  console.error(
    `Scale data in ${handle.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : "the embedded database"}`,
  );
  const result = await seedScale(handle.db, target, { onProgress: progress.report });
  progress.finish();
  // App servers already running on this database drop what they cached (decision 024).
  await createTagStore({ db: async () => handle.db }).expire([CACHE_TAGS.content]);
  const seconds = (performance.now() - started) / 1000;
  const added = {
    members: result.after.members - result.before.members,
    stories: result.after.stories - result.before.stories,
    comments: result.after.comments - result.before.comments,
  };
  const rows = added.members + added.stories + added.comments + result.targetComments;
  console.log(
    [
      `members:  ${result.after.members} (added ${added.members})`,
      `stories:  ${result.after.stories} (added ${added.stories}) + 2 benchmark targets`,
      `comments: ${result.after.comments} (added ${added.comments}) + ${result.targetComments} added on the targets`,
      `counters fixed: ${result.countersFixed}`,
      `time: ${seconds.toFixed(1)} s, ${Math.round(rows / Math.max(seconds, 0.001))} rows/s (${Object.entries(
        result.timings,
      )
        .map(([table, ms]) => `${table} ${(ms / 1000).toFixed(1)} s`)
        .join(", ")})`,
      `sign in as ${scaleMemberEmail(1)} … ${scaleMemberEmail(result.after.members)} with "${SCALE_MEMBER_PASSWORD}"`,
      `targets: /stories/${SCALE_STORY_50_COMMENTS}, /stories/${SCALE_STORY_500_COMMENTS}`,
    ].join("\n"),
  );
} catch (error) {
  progress.finish();
  console.error(`Scale seed failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
