import type { QueryTiming } from "../queries";

/* The shape of bench/results/<date>.json. Times in milliseconds, sizes in bytes. */

export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and responses other than 2xx, added up. */
  errors: number;
  requests: number;
  durationSeconds: number;
};

export type PageResult = {
  name: string;
  path: string;
  status: number;
  bytes: number;
  contentType: string;
  app: LoadResult;
  limit: LoadResult;
  /** app requests/s divided by limit requests/s. */
  ratio: number;
};

export type CommentPostingResult = {
  members: number;
  durationSeconds: number;
  attempts: number;
  ok: number;
  failed: number;
  failures: Record<string, number>;
  p50: number;
  p95: number;
  /** Bench comments found in the database afterwards. */
  counted: number;
  /** Acknowledged (2xx) posts whose comment is not in the database. */
  lost: number;
  /** Posts whose comment is in the database more than once. */
  doubled: number;
};

export type QueryLevel = {
  label: string;
  database: string;
  rows: { members: number; stories: number; comments: number };
  /** In bench/queries.ts order, the same queries at every level. */
  timings: QueryTiming[];
};

export type FirstLoadRoute = {
  route: string;
  path: string;
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
};

export type LighthouseResult = {
  name: string;
  path: string;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  error?: string;
};

/** A page under one load that has no limit to compare with: the burst, members' pages. */
export type ScenarioResult = {
  name: string;
  path: string;
  connections: number;
  /** What the server was started with, when not the defaults of `npm start`. */
  serverSettings?: Record<string, string>;
  app: LoadResult;
};

export type StartupResult = {
  /** `npm start` on the existing build and a data folder that does not exist yet. */
  freshDataMs: number;
  /** The same again, on the data the first start left. */
  existingDataMs: number;
};

export type TargetCheck = {
  target: string;
  subject: string;
  expected: string;
  actual: string;
  /** null: not measured in this run. */
  pass: boolean | null;
};

export type BenchResults = {
  date: string;
  quick: boolean;
  note?: string;
  settings: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    commentSeconds: number;
    commentMembers: number;
  };
  environment: {
    node: string;
    cpus: number;
    database: string;
    appDatabase: string;
    gitCommit: string | null;
  };
  pages: PageResult[];
  comments: CommentPostingResult | null;
  queries: QueryLevel[];
  firstLoadJs: FirstLoadRoute[];
  lighthouse: LighthouseResult[];
  /** Burst: many visitors at once on one story. */
  burst?: ScenarioResult | null;
  /** Signed-in members on the story page: before (the previous server's settings) and now. */
  signedIn?: { before: ScenarioResult | null; now: ScenarioResult } | null;
  startup?: StartupResult | null;
  /**
   * Next's runtime: the gzip size of the app build's rootMainFiles (React, the router), which
   * every App Router page loads. Less than a bare page loads; see firstLoadBarePage.
   */
  firstLoadFloorGzipBytes?: number | null;
  /** A bare page (bench/bare-app) on the same Next and React: the floor under first-load JS. */
  firstLoadBarePage?: FirstLoadRoute | null;
  /** Server processes (one per core with PostgreSQL). */
  serverProcesses?: number;
  serverRssMaxBytes: number | null;
  /** The largest single server process. */
  serverProcessRssMaxBytes?: number | null;
  targets: TargetCheck[];
  skipped: string[];
};
