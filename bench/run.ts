/*
 * `npm run bench`: the production build on PostgreSQL, measured. See docs/performance.md
 * ("Running the benchmark", "Reading the results") for what it does and how to read it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { STARTING_POINT_SLUGS, SCALE_STORY_50_COMMENTS, SCALE_STORY_500_COMMENTS } from "./scale/generate";
import { parseArgs, PARTS, USAGE, type BenchOptions } from "./lib/args";
import { startAppServer, type AppServer } from "./lib/app-server";
import { measureBarePage } from "./lib/bare-page";
import { postComments, signInScaleMember } from "./lib/comments";
import { frameworkFloorGzipBytes, measureFirstLoad } from "./lib/first-load";
import { runLighthouse } from "./lib/lighthouse";
import { record, startLimitServer } from "./lib/limit";
import { measure, type LoadSettings } from "./lib/load";
import { BenchCluster } from "./lib/postgres";
import { captureOutput, cleanup, onCleanup, spawnTracked, waitForSuccess } from "./lib/processes";
import { renderReport } from "./lib/report";
import { sampleRss } from "./lib/rss";
import { measureEmbeddedStartup } from "./lib/startup";
import {
  commonSearchWord,
  countRows,
  databaseName,
  FULL_LEVELS,
  QUICK_LEVELS,
  seedLevel,
  type ScaleLevel,
} from "./lib/scale";
import { evaluateTargets } from "./lib/targets";
import type {
  BenchResults,
  CommentPostingResult,
  FirstLoadRoute,
  LighthouseResult,
  PageResult,
  QueryLevel,
  ScenarioResult,
  StartupResult,
} from "./lib/types";

const ROOT = path.resolve(import.meta.dirname, "..");
/** The run before issue 14, which the report compares with. */
const BEFORE_RESULTS = path.join(ROOT, "bench", "results", "2026-11-28.json");
/** The server as it was before issue 14: one process, no page cache, every request rendered at once. */
const PREVIOUS_SERVER_SETTINGS = {
  WEB_CONCURRENCY: "1",
  PAGE_CACHE_MAX_BYTES: "0",
  RENDER_CONCURRENCY: "100000",
};
const BURST_CONNECTIONS = 256;
const say = (message: string) => console.log(`[bench] ${message}`);

function localDate(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

async function build(): Promise<void> {
  say("building the app when the sources changed (scripts/start.ts --build-only)");
  const child = spawnTracked(
    "build",
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts", "start.ts"), "--build-only"],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  await waitForSuccess(child, "the build", captureOutput(child, "  [build]"));
}

/** Where each level's data lives: a database per level in the bench's cluster, or DATABASE_URL for all. */
async function databases(
  levels: ScaleLevel[],
): Promise<{ urlFor: (level: ScaleLevel) => string; description: string }> {
  const given = process.env.DATABASE_URL;
  if (given) {
    say("DATABASE_URL is set: every level is seeded into that one database, which grows level by level");
    return { urlFor: () => given, description: "PostgreSQL from DATABASE_URL" };
  }
  const dir = path.resolve(ROOT, process.env.BENCH_PG_DIR ?? path.join(".data", "bench-pg"));
  say(`starting the bench's PostgreSQL cluster in ${path.relative(ROOT, dir) || dir}`);
  const cluster = await BenchCluster.start(dir);
  onCleanup(async () => {
    say("stopping the PostgreSQL cluster");
    await cluster.stop();
  });
  for (const level of levels) await cluster.ensureDatabase(databaseName(level));
  const version = execFileSync("psql", [cluster.urlFor("postgres"), "-Atc", "SHOW server_version"], {
    encoding: "utf8",
  }).trim();
  return {
    urlFor: (level) => cluster.urlFor(databaseName(level)),
    description: `PostgreSQL ${version} (bench cluster, ${path.relative(ROOT, dir)})`,
  };
}

async function prepareAndMeasureQueries(
  levels: ScaleLevel[],
  urlFor: (level: ScaleLevel) => string,
  measureQueriesToo: boolean,
): Promise<QueryLevel[]> {
  const { openDatabase } = await import("../db");
  const results: QueryLevel[] = [];
  for (const level of levels) {
    const url = urlFor(level);
    say(
      `level ${level.label}: migrating, then seeding what is missing (${level.members} members, ${level.stories} stories, ${level.comments} comments)`,
    );
    const migrated = await openDatabase({ prepare: true, databaseUrl: url });
    await migrated.close();
    await seedLevel(level, url);
    if (!measureQueriesToo) continue;
    const rows = await countRows(url);
    say(`level ${level.label}: timing queries (${rows.stories} stories, ${rows.comments} comments)`);
    const handle = await openDatabase({ databaseUrl: url });
    try {
      const { measureQueries } = await import("./queries");
      const { measureSuggestion } = await import("./suggest");
      results.push({
        label: level.label,
        database: new URL(url).pathname.slice(1),
        rows,
        timings: [...(await measureQueries(handle)), await measureSuggestion(handle)],
      });
    } finally {
      await handle.close();
    }
  }
  return results;
}

async function measurePages(
  server: AppServer,
  databaseUrl: string,
  settings: LoadSettings,
  workDir: string,
): Promise<PageResult[]> {
  const word = await commonSearchWord(databaseUrl);
  const pages = [
    { name: "Home", path: "/" },
    { name: "Stories", path: "/stories" },
    { name: "Search", path: `/stories?q=${encodeURIComponent(word)}` },
    { name: "Filtered stories", path: `/stories?sp=${STARTING_POINT_SLUGS[1]}` },
    { name: "Starting points", path: "/starting-points" },
    { name: "Starting point", path: `/starting-points/${STARTING_POINT_SLUGS[0]}` },
    { name: "Story, 50 comments", path: `/stories/${SCALE_STORY_50_COMMENTS}` },
    { name: "Story, 500 comments", path: `/stories/${SCALE_STORY_500_COMMENTS}` },
    { name: "Atom feed", path: "/stories/feed.xml" },
    { name: "API stories", path: "/api/v1/stories" },
  ];
  const results: PageResult[] = [];
  for (const page of pages) {
    const url = `${server.url}${page.path}`;
    const recorded = await record(url);
    if (recorded.status !== 200)
      throw new Error(`${page.path} answered ${recorded.status}, not 200: is the scale data seeded?`);
    say(`${page.name} (${page.path}, ${recorded.body.length} bytes): app`);
    const app = await measure(url, settings);
    say(`${page.name}: the limit`);
    const limitServer = await startLimitServer(recorded, workDir, page.name);
    let limit;
    try {
      limit = await measure(limitServer.url, settings);
    } finally {
      await limitServer.stop();
    }
    say(
      `${page.name}: ${app.requestsPerSecond.toFixed(0)} req/s (limit ${limit.requestsPerSecond.toFixed(0)}), p99 ${app.p99} ms, errors ${app.errors}`,
    );
    results.push({
      ...page,
      status: recorded.status,
      bytes: recorded.body.length,
      contentType: recorded.headers["content-type"] ?? "",
      app,
      limit,
      ratio: limit.requestsPerSecond > 0 ? app.requestsPerSecond / limit.requestsPerSecond : 0,
    });
  }
  return results;
}

/** 256 visitors at once on one story: the newsletter moment. */
async function measureBurst(server: AppServer, settings: LoadSettings): Promise<ScenarioResult> {
  const path = `/stories/${SCALE_STORY_50_COMMENTS}`;
  say(`burst: ${BURST_CONNECTIONS} connections on ${path}`);
  const app = await measure(`${server.url}${path}`, { ...settings, connections: BURST_CONNECTIONS });
  say(`burst: ${app.requestsPerSecond.toFixed(0)} req/s, p99 ${app.p99} ms, errors ${app.errors}`);
  return { name: "Burst: story, 50 comments", path, connections: BURST_CONNECTIONS, app };
}

/** A signed-in member (their own session cookie) on the story page: rendered per request, with their personal parts. */
async function measureSignedIn(
  server: AppServer,
  settings: LoadSettings,
  serverSettings?: Record<string, string>,
): Promise<ScenarioResult> {
  const path = `/stories/${SCALE_STORY_50_COMMENTS}`;
  const cookie = await signInScaleMember(server.url, 1);
  const check = await fetch(`${server.url}${path}`, { headers: { cookie } });
  if (check.status !== 200 || check.headers.get("x-page-cache"))
    throw new Error(
      `the signed-in story page answered ${check.status} (page cache: ${check.headers.get("x-page-cache")})`,
    );
  const label = serverSettings ? "previous server settings" : "npm start defaults";
  say(`signed-in member on ${path} (${label})`);
  const app = await measure(`${server.url}${path}`, settings, { cookie });
  say(
    `signed-in (${label}): ${app.requestsPerSecond.toFixed(0)} req/s, p99 ${app.p99} ms, errors ${app.errors}`,
  );
  return {
    name: "Signed-in member: story, 50 comments",
    path,
    connections: settings.connections,
    ...(serverSettings ? { serverSettings } : {}),
    app,
  };
}

function readBefore(): BenchResults | null {
  if (!existsSync(BEFORE_RESULTS)) return null;
  return JSON.parse(readFileSync(BEFORE_RESULTS, "utf8")) as BenchResults;
}

async function main(options: BenchOptions): Promise<void> {
  const quick = options.quick;
  const levels = quick ? QUICK_LEVELS : FULL_LEVELS;
  const settings: LoadSettings = quick
    ? { connections: 32, durationSeconds: 5, warmupSeconds: 1 }
    : { connections: 32, durationSeconds: 20, warmupSeconds: 3 };
  const commentMembers = 8;
  const commentSeconds = quick ? 5 : 20;
  if (quick) say("QUICK RUN: small data and 5 s runs, to check the harness. The numbers are not a result.");

  const workDir = mkdtempSync(path.join(os.tmpdir(), "vp-bench-"));
  onCleanup(async () => rmSync(workDir, { recursive: true, force: true }));

  await build();
  const needsServer = ["pages", "burst", "signed-in", "comments", "first-load-js", "lighthouse"].some(
    (part) => options.parts.has(part as never),
  );
  const db = await databases(levels);
  // Without the query part only the largest level (the one the pages run on) is needed.
  const queries = await prepareAndMeasureQueries(
    options.parts.has("queries") ? levels : [levels[levels.length - 1]],
    db.urlFor,
    options.parts.has("queries"),
  );
  const appDatabaseUrl = db.urlFor(levels[levels.length - 1]);

  let pages: PageResult[] = [];
  let comments: CommentPostingResult | null = null;
  let firstLoadJs: FirstLoadRoute[] = [];
  let firstLoadBarePage: FirstLoadRoute | null = null;
  let lighthouse: LighthouseResult[] = [];
  let serverRssMaxBytes: number | null = null;
  let serverProcessRssMaxBytes: number | null = null;
  let burst: ScenarioResult | null = null;
  let signedInBefore: ScenarioResult | null = null;
  let signedInNow: ScenarioResult | null = null;
  let startup: StartupResult | null = null;
  const serverProcesses = Number(process.env.WEB_CONCURRENCY) || os.availableParallelism();

  if (options.parts.has("signed-in")) {
    // The baseline of the members' target, measured in this run on this machine: the same build
    // served the way the server did before issue 14.
    say("starting the production server with the previous settings (baseline for signed-in members)");
    const previous = await startAppServer(appDatabaseUrl, workDir, PREVIOUS_SERVER_SETTINGS);
    try {
      signedInBefore = await measureSignedIn(previous, settings, PREVIOUS_SERVER_SETTINGS);
    } finally {
      await previous.stop();
    }
  }

  if (needsServer) {
    say(
      `starting the production server (${serverProcesses} processes, as npm start runs it with PostgreSQL)`,
    );
    const server = await startAppServer(appDatabaseUrl, workDir, {
      WEB_CONCURRENCY: String(serverProcesses),
    });
    const rss = sampleRss(server.pid);
    try {
      if (options.parts.has("pages")) pages = await measurePages(server, appDatabaseUrl, settings, workDir);
      if (options.parts.has("burst")) burst = await measureBurst(server, settings);
      if (options.parts.has("signed-in")) signedInNow = await measureSignedIn(server, settings);
      if (options.parts.has("comments")) {
        say(`comment posting: ${commentMembers} members for ${commentSeconds} s`);
        comments = await postComments({
          baseUrl: server.url,
          databaseUrl: appDatabaseUrl,
          members: commentMembers,
          durationSeconds: commentSeconds,
        });
        say(
          `comment posting: ${comments.ok} acknowledged, ${comments.counted} stored, p95 ${comments.p95.toFixed(1)} ms`,
        );
      }
      if (options.parts.has("first-load-js")) {
        say("first-load JavaScript (Chromium)");
        firstLoadJs = await measureFirstLoad(server.url, [
          { route: "/", path: "/" },
          { route: "/stories", path: "/stories" },
          { route: "/stories/[slug]", path: `/stories/${SCALE_STORY_50_COMMENTS}` },
          { route: "/starting-points/[slug]", path: `/starting-points/${STARTING_POINT_SLUGS[0]}` },
        ]);
      }
      if (options.parts.has("lighthouse")) {
        say("Lighthouse (mobile): home, story, starting point");
        lighthouse = await runLighthouse(server.url, [
          { name: "Home", path: "/" },
          { name: "Story", path: `/stories/${SCALE_STORY_50_COMMENTS}` },
          { name: "Starting point", path: `/starting-points/${STARTING_POINT_SLUGS[0]}` },
        ]);
      }
    } finally {
      ({ total: serverRssMaxBytes, perProcess: serverProcessRssMaxBytes } = rss.stop());
      await server.stop();
    }
  }

  if (options.parts.has("first-load-js")) {
    say("first-load JavaScript of a bare page (bench/bare-app): building and serving it");
    firstLoadBarePage = await measureBarePage(workDir);
    say(`bare page: ${(firstLoadBarePage.gzipBytes / 1000).toFixed(1)} kB gzip`);
  }

  if (options.parts.has("startup")) {
    say("embedded mode: npm start to the first page, on a fresh data folder and then on that data");
    startup = await measureEmbeddedStartup();
    say(
      `embedded start: ${startup.freshDataMs.toFixed(0)} ms fresh, ${startup.existingDataMs.toFixed(0)} ms existing`,
    );
  }

  const partial: Omit<BenchResults, "targets"> = {
    date: localDate(),
    quick,
    ...(quick
      ? { note: "Quick run: small data and 5 s runs, to check the harness. These numbers are not a result." }
      : {}),
    settings: { ...settings, commentSeconds, commentMembers },
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      database: db.description,
      appDatabase: new URL(appDatabaseUrl).pathname.slice(1),
      gitCommit: gitCommit(),
    },
    pages,
    comments,
    queries,
    firstLoadJs,
    lighthouse,
    burst,
    signedIn: signedInNow ? { before: signedInBefore, now: signedInNow } : null,
    startup,
    firstLoadFloorGzipBytes: options.parts.has("first-load-js") ? frameworkFloorGzipBytes(ROOT) : null,
    firstLoadBarePage,
    serverProcesses,
    serverRssMaxBytes,
    serverProcessRssMaxBytes,
    skipped: PARTS.filter((part) => !options.parts.has(part)),
  };
  const results: BenchResults = { ...partial, targets: evaluateTargets(partial) };
  const report = renderReport(results, readBefore());
  const resultsDir = path.join(ROOT, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const base = path.join(resultsDir, `${results.date}${quick ? "-quick" : ""}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}.md`, report);
  console.log(`\n${report}`);
  say(`wrote ${path.relative(ROOT, base)}.json and .md`);
}

let options: BenchOptions;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[bench] ${signal}: stopping everything the bench started…`);
    void cleanup().finally(() => process.exit(130));
  });
}

try {
  await main(options);
  await cleanup();
} catch (error) {
  console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
  await cleanup();
  process.exit(1);
}
