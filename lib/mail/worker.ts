import "server-only";
import { and, asc, eq, lte, sql, type SQL } from "drizzle-orm";
import { getDatabaseHandle, type Database, type DatabaseHandle, type Transaction } from "@/db";
import { mailOutbox, type Mail } from "@/db/schema";
import { env, isBuildPhase, isProduction } from "@/lib/env";
import { onShutdown } from "@/lib/lifecycle";
import { errorFields, log } from "@/lib/log";
import { processSingleton } from "@/lib/singleton";
import { onMailEnqueued } from "./nudge";
import { getMailTransport } from "./transport";

/*
 * Works off `mail_outbox` in the app process. See docs/decisions/020-mail-outbox.md.
 *
 * PostgreSQL (any number of app processes): each mail is claimed with
 * `SELECT … FOR UPDATE SKIP LOCKED` in a transaction that stays open while it is sent, so no
 * other process can take the same row, and the outcome is written before the lock is let go.
 *
 * PGlite (one process, guarded by the data folder's lock file): an open transaction there makes
 * every other query of the process wait, so holding one during an SMTP exchange would stall every
 * page. The same claim query runs without the row lock instead, and a process-wide mutex makes
 * concurrent runs take turns.
 */

/** Attempts before a mail is given up (status `failed`). */
export const MAIL_MAX_ATTEMPTS = 10;
/** Wait after the first failure; it doubles with every further one, up to the cap. */
export const MAIL_RETRY_BASE_SECONDS = 30;
export const MAIL_RETRY_MAX_SECONDS = 60 * 60;
/** Mails one run sends at most before it lets the next poll continue. */
const BATCH = 50;
const NUDGE_DELAY_MS = 100;

/** Seconds to wait after the `failures`-th failed attempt: 30 s, 1 min, 2 min, … at most an hour. */
export function retryDelaySeconds(failures: number): number {
  return Math.min(MAIL_RETRY_BASE_SECONDS * 2 ** Math.max(0, failures - 1), MAIL_RETRY_MAX_SECONDS);
}

export type MailRunCounts = { sent: number; retried: number; failed: number };

export type WorkOptions = {
  /** Another database handle than the process's (tests: a second pool, as a second process would have). */
  database?: DatabaseHandle;
  /** The moment the run acts at; default: the database's clock. */
  now?: Date;
  maxAttempts?: number;
  limit?: number;
  /** Checked between mails; true stops the run after the mail in progress. */
  shouldStop?: () => boolean;
};

type Outcome = keyof MailRunCounts;

/**
 * Sends every due mail (up to a batch) once and records each outcome: `sent` with `sent_at`;
 * or one more attempt with `last_error` and a later `next_attempt_at`; or `failed` after the
 * last attempt. Safe to run concurrently, in one process or many. Returns what it did.
 */
export async function workMailQueueOnce(options: WorkOptions = {}): Promise<MailRunCounts> {
  const handle = options.database ?? (await getDatabaseHandle());
  const counts: MailRunCounts = { sent: 0, retried: 0, failed: 0 };
  const limit = options.limit ?? BATCH;
  for (let done = 0; done < limit && !options.shouldStop?.(); done++) {
    const outcome =
      handle.kind === "postgres"
        ? await sendNextLocked(handle.db, options)
        : await pgliteTurn(() => sendNextUnlocked(handle.db, options));
    if (!outcome) break;
    counts[outcome] += 1;
  }
  return counts;
}

function nowSql(options: WorkOptions): SQL {
  return options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
}

function dueMail(db: Database | Transaction, options: WorkOptions) {
  return db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, nowSql(options))))
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.createdAt))
    .limit(1);
}

async function sendNextLocked(db: Database, options: WorkOptions): Promise<Outcome | null> {
  return db.transaction(async (tx) => {
    const [mail] = await dueMail(tx, options).for("update", { skipLocked: true });
    if (!mail) return null;
    return record(tx, mail, await deliver(mail), options);
  });
}

async function sendNextUnlocked(db: Database, options: WorkOptions): Promise<Outcome | null> {
  const [mail] = await dueMail(db, options);
  if (!mail) return null;
  return record(db, mail, await deliver(mail), options);
}

async function deliver(mail: Mail): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await getMailTransport().send({
      id: mail.id,
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
      headers: mail.headers,
    });
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.slice(0, 2_000) };
  }
}

async function record(
  db: Database | Transaction,
  mail: Mail,
  result: Awaited<ReturnType<typeof deliver>>,
  options: WorkOptions,
): Promise<Outcome> {
  const now = nowSql(options);
  if (result.ok) {
    await db.update(mailOutbox).set({ status: "sent", sentAt: now }).where(eq(mailOutbox.id, mail.id));
    log.info("mail sent", { mailId: mail.id, kind: mail.kind, attempts: mail.attempts + 1 });
    return "sent";
  }
  const failures = mail.attempts + 1;
  if (failures >= (options.maxAttempts ?? MAIL_MAX_ATTEMPTS)) {
    await db
      .update(mailOutbox)
      .set({ status: "failed", attempts: failures, lastError: result.error })
      .where(eq(mailOutbox.id, mail.id));
    log.error("mail given up", { mailId: mail.id, kind: mail.kind, attempts: failures, error: result.error });
    return "failed";
  }
  const delay = retryDelaySeconds(failures);
  await db
    .update(mailOutbox)
    .set({
      attempts: failures,
      lastError: result.error,
      nextAttemptAt: sql`${now} + make_interval(secs => ${delay})`,
    })
    .where(eq(mailOutbox.id, mail.id));
  log.warn("mail not sent, will retry", {
    mailId: mail.id,
    kind: mail.kind,
    attempts: failures,
    retryInSeconds: delay,
    error: result.error,
  });
  return "retried";
}

// ------------------------------------------------------------------ the worker loop

type WorkerState = {
  started: boolean;
  stopping: boolean;
  poll?: NodeJS.Timeout;
  nudge?: NodeJS.Timeout;
  running: Promise<void> | null;
  again: boolean;
  failing: boolean;
  /** PGlite only: the tail of the queue of runs waiting for their turn. */
  turn: Promise<unknown>;
};

function state(): WorkerState {
  return processSingleton<WorkerState>("vertrekpunt.mailWorker", () => ({
    started: false,
    stopping: false,
    running: null,
    again: false,
    failing: false,
    turn: Promise.resolve(),
  }));
}

function pgliteTurn<T>(fn: () => Promise<T>): Promise<T> {
  const s = state();
  const run = s.turn.then(fn, fn);
  s.turn = run.catch(() => undefined);
  return run;
}

/**
 * Starts working the queue in this process: every MAIL_POLL_MS, and shortly after each
 * `enqueueMail` in this process. Idempotent. Stopped at shutdown (`onShutdown`), which waits
 * for a send in progress. Called by instrumentation.ts once the database is ready.
 */
export function startMailWorker(): void {
  // `next build` may load instrumentation; building never sends mail.
  if (isBuildPhase()) return;
  const s = state();
  if (s.started) return;
  s.started = true;
  s.stopping = false;

  const interval = env().MAIL_POLL_MS;
  s.poll = setInterval(() => trigger(), interval);
  s.poll.unref();
  onMailEnqueued(() => {
    if (s.stopping || s.nudge) return;
    s.nudge = setTimeout(() => {
      s.nudge = undefined;
      trigger();
    }, NUDGE_DELAY_MS);
    s.nudge.unref();
  });
  onShutdown("mail-worker", stopMailWorker);

  const transport = getMailTransport();
  log.info("mail worker started", { transport: transport.kind, target: transport.target, pollMs: interval });
  if (transport.kind === "file" && isProduction() && env().DATABASE_URL) {
    log.warn("SMTP_URL is not set: mail is only written to the log and the mail folder, not delivered", {
      target: transport.target,
    });
  }
  trigger();
}

/** Stops the worker and waits for the mail being sent, if any. */
export async function stopMailWorker(): Promise<void> {
  const s = state();
  s.stopping = true;
  clearInterval(s.poll);
  clearTimeout(s.nudge);
  s.poll = s.nudge = undefined;
  onMailEnqueued(null);
  await s.running;
  s.started = false;
}

/** One run at a time; a trigger during a run asks for another right after it. */
function trigger(): void {
  const s = state();
  if (s.stopping) return;
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = (async () => {
    do {
      s.again = false;
      try {
        const counts = await workMailQueueOnce({ shouldStop: () => s.stopping });
        if (s.failing) log.info("mail queue reachable again");
        s.failing = false;
        // A full batch: there may be more due now.
        if (counts.sent + counts.retried + counts.failed >= BATCH) s.again = true;
      } catch (error) {
        // The database is away (PostgreSQL restarting): say so once, keep polling.
        if (!s.failing) log.warn("mail queue run failed; retrying at every poll", errorFields(error));
        s.failing = true;
      }
    } while (s.again && !s.stopping);
  })().finally(() => {
    s.running = null;
  });
}
