import { gt, sql } from "drizzle-orm";
import { getDb, type Database } from "../../db";
import { cacheTags } from "../../db/schema";
import { errorFields, log } from "../log";
import { processSingleton } from "../singleton";

/*
 * When each cache tag was last invalidated, as seen by this process, and the table that
 * carries those moments between processes (decision 024). Every app server keeps its cached
 * reads in its own memory (lib/cache/handler.ts); an invalidation is written to `cache_tags`
 * and picked up by the other servers on their next request, at most POLL_INTERVAL_MS later.
 */

/**
 * The clock Next stamps cache entries with. Invalidations use the same one, so "entry older
 * than the invalidation" compares like with like in this process.
 */
export function cacheClock(): number {
  return performance.timeOrigin + performance.now();
}

/** How stale another server's invalidation may be seen here: "fresh within a second". */
export const POLL_INTERVAL_MS = 500;
// Each look reads this far back before the previous one: an invalidation is stamped before its
// row commits, and app servers' clocks differ a little. Clocks must agree within this (NTP).
const POLL_OVERLAP_MS = 5_000;

export type TagStore = {
  /** The latest invalidation of any of these tags known here, 0 when none. */
  expiredAt(tags: readonly string[]): number;
  /** The latest invalidation of any tag known here, 0 when none: whole pages depend on all of them. */
  latest(): number;
  /**
   * Invalidates the tags now: at once here, and for every other process through the table.
   * Call it after the transaction that changed the data has committed: a read that started
   * before this moment is then never served again.
   */
  expire(tags: readonly string[]): Promise<void>;
  /** Reads what other processes invalidated since the last look, at most once per POLL_INTERVAL_MS. */
  refresh(): Promise<void>;
};

export function createTagStore(options: { db?: () => Promise<Database>; now?: () => number } = {}): TagStore {
  const database = options.db ?? getDb;
  const now = options.now ?? cacheClock;
  const expirations = new Map<string, number>();
  let latest = 0;
  // Every entry this process caches is younger than the store: older invalidations can be
  // skipped, so the first look does not read the whole table.
  let readSince = now();
  let lastPoll = -Infinity;
  let polling: Promise<void> | null = null;

  const remember = (tag: string, at: number) => {
    if ((expirations.get(tag) ?? 0) < at) expirations.set(tag, at);
    if (latest < at) latest = at;
  };

  return {
    expiredAt(tags) {
      let latest = 0;
      for (const tag of tags) latest = Math.max(latest, expirations.get(tag) ?? 0);
      return latest;
    },

    latest: () => latest,

    async expire(tags) {
      const unique = [...new Set(tags)];
      if (unique.length === 0) return;
      const at = Math.ceil(now());
      for (const tag of unique) remember(tag, at);
      // Not thrown: the change itself is saved and this server already serves it; the other
      // servers drop their copy when it ages out (an hour at most, lib/cache/reads.ts).
      try {
        await (
          await database()
        )
          .insert(cacheTags)
          .values(unique.map((tag) => ({ tag, expiredAt: at })))
          .onConflictDoUpdate({
            target: cacheTags.tag,
            set: { expiredAt: sql`greatest(${cacheTags.expiredAt}, excluded.expired_at)` },
          });
      } catch (error) {
        log.error("cache tags not shared", { tags: unique, ...errorFields(error) });
      }
    },

    refresh() {
      if (polling) return polling;
      const started = now();
      if (started - lastPoll < POLL_INTERVAL_MS) return Promise.resolve();
      polling = (async () => {
        try {
          const rows = await (
            await database()
          )
            .select({ tag: cacheTags.tag, expiredAt: cacheTags.expiredAt })
            .from(cacheTags)
            .where(gt(cacheTags.expiredAt, Math.max(0, Math.floor(readSince - POLL_OVERLAP_MS))));
          for (const row of rows) remember(row.tag, row.expiredAt);
          readSince = started;
          lastPoll = started;
        } catch (error) {
          // A database that cannot be reached has its own 503 handling; the cache stays as it was.
          log.warn("cache tags not refreshed", errorFields(error));
        } finally {
          polling = null;
        }
      })();
      return polling;
    },
  };
}

// One store per process, on globalThis: Next bundles instrumentation, pages and route handlers
// separately, and they must all see the same invalidations.
export function processTagStore(): TagStore {
  return processSingleton("vertrekpunt.cacheTagStore", createTagStore);
}

export function expireTags(tags: readonly string[]): Promise<void> {
  return processTagStore().expire(tags);
}
