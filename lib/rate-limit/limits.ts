import "server-only";
import { inArray, lt, sql } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { rateLimits, signInFailures } from "@/db/schema";
import { errorFields, log } from "@/lib/log";
import {
  RATE_LIMIT_RETENTION_SECONDS,
  rateRule,
  SIGN_IN_RULES,
  signInDelaySeconds,
  signInKeyKind,
  signInRule,
  type RateRule,
  type RateRuleName,
} from "./rules";

/*
 * Rate limits kept in PostgreSQL (or PGlite), so every app process behind a load balancer
 * counts against the same numbers. See docs/decisions/016-rate-limits.md.
 */

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

// About one call in a hundred also deletes rows nobody will read again.
const PRUNE_PROBABILITY = 0.01;

/**
 * Counts one hit for `key` in the current fixed window (windows start at multiples of
 * `windowSeconds` since the epoch) in one atomic upsert, so parallel requests can never
 * pass the limit together. Over the limit: the seconds until the window ends.
 */
export async function hit(key: string, rule: RateRule): Promise<LimitResult> {
  const now = Date.now();
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const db = await getDb();
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { hits: sql`${rateLimits.hits} + 1` },
    })
    .returning({ hits: rateLimits.hits });
  await maybePrune(now);
  if (row.hits <= rule.limit) return { ok: true };
  return {
    ok: false,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)),
  };
}

/** `hit` for a named rule of rules.ts; `subject` is `user:<id>` or `ip:<address>`. */
export function hitRule(name: RateRuleName, subject: string): Promise<LimitResult> {
  return hit(`${name}:${subject}`, rateRule(name));
}

class Blocked extends Error {}

/**
 * Whether a sign-in attempt may go ahead now for every key (`account:<email>`, `ip:<address>`).
 * When it may, the attempt is counted as a failure against each key right away, in one
 * transaction with conditional upserts: attempts sent in parallel therefore queue on the rows
 * and cannot all pass one check. A successful sign-in takes the attempt back
 * (`clearSignInFailures`); a failed one needs nothing more.
 */
export async function signInAllowed(keys: string[]): Promise<LimitResult> {
  const now = new Date();
  const db = await getDb();
  await maybePrune(now.getTime());
  // One order for every caller, so two transactions never wait for each other's rows.
  const sorted = [...new Set(keys)].sort();
  try {
    await db.transaction(async (tx) => {
      for (const key of sorted) {
        const rule = signInRule(signInKeyKind(key));
        const nowSql = sql`${now.toISOString()}::timestamptz`;
        const staleBefore = sql`${new Date(now.getTime() - rule.resetSeconds * 1000).toISOString()}::timestamptz`;
        const isStale = sql`${signInFailures.lastFailureAt} <= ${staleBefore}`;
        // The exponent is capped so power() stays finite; 2^20 seconds is far past the cap anyway.
        const waitedEnough = sql`${signInFailures.lastFailureAt} + make_interval(secs => least(power(2, least(${signInFailures.failures} - ${rule.freeFailures}, 20)), ${rule.maxDelaySeconds})) <= ${nowSql}`;
        const claimed = await tx
          .insert(signInFailures)
          .values({ key, failures: 1, lastFailureAt: now })
          .onConflictDoUpdate({
            target: signInFailures.key,
            set: {
              failures: sql`CASE WHEN ${isStale} THEN 1 ELSE ${signInFailures.failures} + 1 END`,
              lastFailureAt: now,
            },
            setWhere: sql`${isStale} OR ${signInFailures.failures} < ${rule.freeFailures} OR ${waitedEnough}`,
          })
          .returning({ failures: signInFailures.failures });
        if (claimed.length === 0) throw new Blocked();
      }
    });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof Blocked)) throw error;
    return { ok: false, retryAfterSeconds: await signInWait(db, sorted, now) };
  }
}

/** The longest wait any of the keys imposes now, in whole seconds (at least 1). */
async function signInWait(db: Database, keys: string[], now: Date): Promise<number> {
  const rows = await db.select().from(signInFailures).where(inArray(signInFailures.key, keys));
  let wait = 1;
  for (const row of rows) {
    const rule = signInRule(signInKeyKind(row.key));
    if (row.lastFailureAt.getTime() <= now.getTime() - rule.resetSeconds * 1000) continue;
    const until = row.lastFailureAt.getTime() + signInDelaySeconds(row.failures, rule) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait;
}

/**
 * After a successful sign-in: the account starts over, and every other key (the address, shared
 * with others and left to decay) gets back the attempt `signInAllowed` counted.
 */
export async function clearSignInFailures(accountKey: string, otherKeys: string[] = []): Promise<void> {
  const db = await getDb();
  await db.delete(signInFailures).where(sql`${signInFailures.key} = ${accountKey}`);
  if (otherKeys.length > 0) {
    await db
      .update(signInFailures)
      .set({ failures: sql`greatest(${signInFailures.failures} - 1, 0)` })
      .where(inArray(signInFailures.key, otherKeys));
  }
}

/** Deletes windows that ended long ago and sign-in failures that no longer count. */
export async function pruneRateLimits(now = Date.now()): Promise<void> {
  const db = await getDb();
  const longestReset = Math.max(...Object.values(SIGN_IN_RULES).map((rule) => rule.resetSeconds));
  await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now - RATE_LIMIT_RETENTION_SECONDS * 1000)));
  await db
    .delete(signInFailures)
    .where(lt(signInFailures.lastFailureAt, new Date(now - longestReset * 1000)));
}

async function maybePrune(now: number): Promise<void> {
  if (Math.random() >= PRUNE_PROBABILITY) return;
  // Housekeeping must never fail the request that happened to trigger it.
  await pruneRateLimits(now).catch((error: unknown) =>
    log.error("pruning rate limits failed", errorFields(error)),
  );
}
