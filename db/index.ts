import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Pool, PoolClient } from "pg";
import { env } from "../lib/env";
import { processSingleton } from "../lib/singleton";
import { reportDatabaseError } from "./health";
import { readPgliteTemplate } from "./pglite-template";
import * as schema from "./schema";

/*
 * One database handle per process, opened lazily on first use (never at import: `next build`
 * imports every module). DATABASE_URL set → PostgreSQL through a bounded `pg` pool; unset →
 * embedded PGlite in PGLITE_DATA_DIR (default `.data/pglite`). Everything above this file sees
 * the same drizzle API either way.
 */

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The handle `db.transaction(async (tx) => …)` passes to its callback. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DatabaseHandle = {
  db: Database;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
};

// One per process, or each of Next's bundles would open PGlite again.
type GlobalState = { ready?: Promise<DatabaseHandle> };
function globalState(): GlobalState {
  return processSingleton<GlobalState>("vertrekpunt.database", () => ({}));
}

export function migrationsFolder(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");
}

export function pgliteDataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ env().PGLITE_DATA_DIR);
}

/** The database, migrated and seeded. Safe to call from anywhere, any number of times. */
export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  const state = globalState();
  state.ready ??= openDatabase({ prepare: true }).catch((error: unknown) => {
    // Let the next caller try again (e.g. PostgreSQL was still starting).
    state.ready = undefined;
    throw error;
  });
  return state.ready;
}

/** Replaces the process-wide database; for tests and scripts that open their own. */
export function useDatabase(handle: DatabaseHandle | Promise<DatabaseHandle>): void {
  globalState().ready = Promise.resolve(handle);
}

/** The process-wide database as opened or given so far, if any; to put it back after `useDatabase`. */
export function currentDatabase(): Promise<DatabaseHandle> | undefined {
  return globalState().ready;
}

export async function closeDb(): Promise<void> {
  const state = globalState();
  const ready = state.ready;
  state.ready = undefined;
  if (ready) await (await ready).close();
}

export type Prepare = boolean | "migrate-only";

/**
 * Opens the configured database. With `prepare`, applies pending migrations and the idempotent
 * seed before returning, so the first request already sees a complete schema. With
 * `prepare: "migrate-only"`, applies the migrations but not the seed (export and import, which
 * must not add rows of their own).
 */
export async function openDatabase(
  options: { prepare?: Prepare; databaseUrl?: string; dataDir?: string } = {},
): Promise<DatabaseHandle> {
  const databaseUrl = options.databaseUrl ?? env().DATABASE_URL;
  return databaseUrl
    ? openPostgres(databaseUrl, options.prepare ?? false)
    : openPglite(options.dataDir ?? pgliteDataDir(), options.prepare ?? false);
}

async function openPostgres(connectionString: string, prepare: Prepare): Promise<DatabaseHandle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({
    connectionString,
    max: env().DATABASE_POOL_MAX,
    connectionTimeoutMillis: 5_000,
  });
  reportUnavailability(pool);

  if (prepare) {
    const client = await pool.connect();
    try {
      // Several app servers may start at once: one migrates and seeds, the others wait.
      await client.query("SELECT pg_advisory_lock(724201)");
      const { migrate } = await import("drizzle-orm/node-postgres/migrator");
      const { seed } = await import("./seed");
      const lockedDb = drizzle(client, { schema });
      await migrate(lockedDb, { migrationsFolder: migrationsFolder() });
      if (prepare !== "migrate-only") await seed(lockedDb);
    } finally {
      await client.query("SELECT pg_advisory_unlock(724201)").catch(() => undefined);
      client.release();
    }
  }

  return { db: drizzle(pool, { schema }), kind: "postgres", close: () => pool.end() };
}

const REPORTING = Symbol.for("vertrekpunt.reportsDatabaseErrors");

/*
 * Every failed connection or query tells the health monitor (db/health.ts), which marks the
 * database down when the error means "unreachable" and probes until it answers again. The
 * methods are patched on the instance rather than wrapped in a Proxy: drizzle checks
 * `client instanceof Pool` to decide how to run transactions.
 */
function reportUnavailability(pool: Pool): void {
  const report = (error: unknown) => reportDatabaseError(error);
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on("error", report);

  const watchClient = (client: PoolClient) => {
    const flagged = client as PoolClient & { [REPORTING]?: true };
    if (flagged[REPORTING]) return;
    flagged[REPORTING] = true;
    // A checked-out client (a transaction) whose connection drops emits "error"; without a
    // listener that would be an uncaught exception.
    client.on("error", report);
    const clientQuery = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const result = clientQuery(...args);
      if (result && typeof (result as Promise<unknown>).then === "function")
        (result as Promise<unknown>).catch(report);
      return result;
    }) as PoolClient["query"];
  };

  const connect = pool.connect.bind(pool) as (
    callback?: (error: Error | undefined, client?: PoolClient, done?: (release?: unknown) => void) => void,
  ) => Promise<PoolClient> | void;
  pool.connect = ((
    callback?: (error: Error | undefined, client?: PoolClient, done?: (release?: unknown) => void) => void,
  ) => {
    if (typeof callback === "function") {
      // pg's own pool.query() takes a client this way.
      return connect((error, client, done) => {
        if (error) report(error);
        else if (client) watchClient(client);
        callback(error, client, done);
      });
    }
    return (connect() as Promise<PoolClient>).then(
      (client) => {
        watchClient(client);
        return client;
      },
      (error: unknown) => {
        report(error);
        throw error;
      },
    );
  }) as Pool["connect"];

  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  pool.query = ((...args: unknown[]) => {
    const result = query(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      (result as Promise<unknown>).catch(report);
    }
    return result;
  }) as Pool["query"];
}

async function openPglite(dataDir: string, prepare: Prepare): Promise<DatabaseHandle> {
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireLock(`${dataDir}.lock`, dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    // A new folder starts from the template, when there is one, instead of PGlite's initdb;
    // PGlite refuses a template for a folder that already holds a cluster.
    const loadDataDir = existsSync(path.join(dataDir, "PG_VERSION")) ? undefined : await readPgliteTemplate();
    const client = await PGlite.create(loadDataDir ? { dataDir, loadDataDir } : { dataDir });
    const db = drizzle(client, { schema });
    if (prepare) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      const { seed } = await import("./seed");
      await migrate(db, { migrationsFolder: migrationsFolder() });
      if (prepare !== "migrate-only") await seed(db);
    }
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/*
 * PGlite has no lock between processes: a second process opening the same folder silently
 * loses writes. A lock file holding our PID makes that a clear error instead. A lock left by a
 * process that no longer runs (crash, SIGKILL) is taken over.
 */
function acquireLock(lockPath: string, dataDir: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(lockPath, "utf8").trim() === String(process.pid)) unlinkSync(lockPath);
        } catch {
          // Already gone.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readLockOwner(lockPath);
      if (owner !== null && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is already in use by process ${owner}. ` +
            `PGlite cannot be shared between processes: stop that process first, or set ` +
            `DATABASE_URL to use PostgreSQL. (If no such process is running, delete ${lockPath}.)`,
        );
      }
      try {
        unlinkSync(lockPath);
      } catch {
        // Another process removed the stale lock first; try again.
      }
    }
  }
  throw new Error(`Could not take the lock ${lockPath} for the embedded database.`);
}

function readLockOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
