import { errorFields, log } from "../lib/log";
import { onShutdown } from "../lib/lifecycle";
import { processSingleton } from "../lib/singleton";

/*
 * Whether an error means "the database cannot be reached right now" (as opposed to a bug or
 * a constraint violation): refused or dropped connections, a server shutting down or starting
 * up, a pool that could not get a connection in time.
 */

// PostgreSQL SQLSTATE classes and codes for an unavailable server.
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);
const UNAVAILABLE_NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EAI_AGAIN",
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /Client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== "object") return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code)))
      return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)))
      return true;
    // AggregateError (connection refused on both IPv4 and IPv6) and drizzle's wrapped errors.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = cause;
  }
  return false;
}

/*
 * The health monitor: whether the process currently knows the database to be down. Nothing
 * polls while it is up; a failed query or connection (reported by the pool wrapper in
 * db/index.ts) marks it down, and from then on a probe runs `select 1` about once a second
 * until one succeeds. The custom server (scripts/server.ts) reads `databaseIsDown()` to answer
 * pages with a short 503 instead of letting every request wait for a connection that fails.
 *
 * The state lives on globalThis: the server script, instrumentation and every route bundle each
 * load their own copy of this module, and they must all see one state and one probe.
 */

const PROBE_INTERVAL_MS = 1_000;
const FIRST_PROBE_MS = 250;

type HealthState = {
  down: boolean;
  since: number | null;
  probe: NodeJS.Timeout | null;
  stopped: boolean;
};

function state(): HealthState {
  return processSingleton<HealthState>("vertrekpunt.databaseHealth", () => ({
    down: false,
    since: null,
    probe: null,
    stopped: false,
  }));
}

/** True from a failed connection or query until the probe reaches the database again. */
export function databaseIsDown(): boolean {
  return state().down;
}

/**
 * Call with any error a database call threw. Errors that mean the database is unreachable mark
 * it down and start the probe; other errors (a constraint, a bug) are ignored.
 */
export function reportDatabaseError(error: unknown): void {
  if (!isDatabaseUnavailable(error)) return;
  const current = state();
  if (current.stopped) return;
  if (!current.down) {
    current.down = true;
    current.since = Date.now();
    log.warn("database unreachable", { ...errorFields(error), stack: undefined });
  }
  scheduleProbe(FIRST_PROBE_MS);
}

/** Marks the database reachable again (the probe, or a caller that just used it successfully). */
export function reportDatabaseUp(): void {
  const current = state();
  if (!current.down) return;
  const downMs = current.since === null ? null : Date.now() - current.since;
  current.down = false;
  current.since = null;
  if (current.probe) clearTimeout(current.probe);
  current.probe = null;
  log.info("database reachable again", { downMs });
}

async function defaultCheck(): Promise<void> {
  // Imported here, not at the top: db/index.ts imports this module for its pool wrapper.
  const { getDb } = await import("./index");
  const db = await getDb();
  await db.execute("select 1");
}

function scheduleProbe(delayMs: number): void {
  const current = state();
  if (current.probe || current.stopped) return;
  current.probe = setTimeout(() => void runProbe(), delayMs);
  // The probe alone must not keep the process alive.
  current.probe.unref();
  onShutdown("database health probe", stopProbe);
}

async function runProbe(): Promise<void> {
  const current = state();
  try {
    await defaultCheck();
    current.probe = null;
    reportDatabaseUp();
  } catch (error) {
    current.probe = null;
    if (!current.down) return;
    if (!isDatabaseUnavailable(error)) log.warn("database probe failed", errorFields(error));
    scheduleProbe(PROBE_INTERVAL_MS);
  }
}

function stopProbe(): void {
  const current = state();
  current.stopped = true;
  if (current.probe) clearTimeout(current.probe);
  current.probe = null;
}
