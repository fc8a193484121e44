import "server-only";
import { and, eq, gt, isNotNull, isNull, lt, lte, or, sql, TransactionRollbackError } from "drizzle-orm";
import { getDatabaseHandle, type Database, type DatabaseHandle, type Transaction } from "@/db";
import { notifications, users } from "@/db/schema";
import { env, isBuildPhase, isProduction } from "@/lib/env";
import { onShutdown } from "@/lib/lifecycle";
import { errorFields, log } from "@/lib/log";
import { enqueueMail } from "@/lib/mail/outbox";
import { digestMail } from "@/lib/mail/templates";
import { mailItem, mailOrigin, recipientLocale, unsubscribeHeaders, unsubscribeUrl } from "./mail";
import { processSingleton } from "@/lib/singleton";

/*
 * The daily summary for members who chose it (email_frequency 'daily'). Once a day, at
 * DIGEST_HOUR_UTC (default 6:00 UTC), every such member with unread notifications that were
 * not mailed yet gets one mail listing them. Runs in each app process next to the mail worker;
 * several processes on one database never send a member two summaries for one day, nor mail a
 * notification twice:
 *
 * - the member is claimed with a conditional `UPDATE users SET digest_sent_at = now WHERE
 *   digest_sent_at < <today's digest hour> RETURNING …`: a second process's identical UPDATE
 *   waits for the first to commit, then finds the condition false and takes nothing;
 * - in the same transaction the notifications are claimed with `UPDATE … SET emailed_at
 *   WHERE emailed_at IS NULL RETURNING …`, and the mail is queued with the key
 *   `digest:<member>:<day>`.
 *
 * Notifications the member already read in the app, or older than a week (from a time the
 * member wanted no mail), are left out.
 */

const POLL_MS = 60_000;
/** Members handled per run; the next run continues. */
const BATCH = 100;
/** Items listed in one summary; the rest are counted, and linked through the notifications page. */
export const DIGEST_ITEMS_MAX = 50;
const RECENT_MS = 7 * 86_400_000;

export function digestHourUtc(): number {
  return env().DIGEST_HOUR_UTC;
}

/** The latest digest moment at or before `now`: today's digest hour, or yesterday's before it. */
export function digestSlot(now: Date, hour = digestHourUtc()): Date {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  return slot.getTime() > now.getTime() ? new Date(slot.getTime() - 86_400_000) : slot;
}

export type DigestOptions = {
  /** Another database handle than the process's (tests: a second pool, as a second process would have). */
  database?: DatabaseHandle;
  /** The moment the run acts at; default: now. */
  now?: Date;
  limit?: number;
};

/** Sends every summary that is due (up to a batch); returns how many were queued. */
export async function runDigestOnce(options: DigestOptions = {}): Promise<number> {
  const { db } = options.database ?? (await getDatabaseHandle());
  const now = options.now ?? new Date();
  const slot = digestSlot(now);
  const since = new Date(now.getTime() - RECENT_MS);
  const due = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.emailFrequency, "daily"),
        isNotNull(users.passwordHash),
        or(isNull(users.digestSentAt), lt(users.digestSentAt, slot)),
        sql`EXISTS (SELECT 1 FROM ${notifications} n WHERE n.user_id = ${users.id} AND n.emailed_at IS NULL AND n.read_at IS NULL
              AND n.created_at > ${since.toISOString()}::timestamptz AND n.created_at <= ${now.toISOString()}::timestamptz)`,
      ),
    )
    .limit(options.limit ?? BATCH);
  let sent = 0;
  for (const { id } of due) {
    try {
      if (await digestFor(db, id, { now, slot, since })) sent += 1;
    } catch (error) {
      log.error("notification digest failed; it is tried again at the next run", {
        userId: id,
        ...errorFields(error),
      });
    }
  }
  return sent;
}

class NothingToSend extends Error {}

async function digestFor(
  db: Database,
  userId: string,
  at: { now: Date; slot: Date; since: Date },
): Promise<boolean> {
  const origin = await mailOrigin();
  try {
    return await db.transaction(async (tx: Transaction) => {
      const [member] = await tx
        .update(users)
        .set({ digestSentAt: at.now })
        .where(
          and(
            eq(users.id, userId),
            eq(users.emailFrequency, "daily"),
            or(isNull(users.digestSentAt), lt(users.digestSentAt, at.slot)),
          ),
        )
        .returning({ email: users.email, name: users.name, locale: users.locale });
      // Another process sent it, or the member changed the setting meanwhile.
      if (!member) return false;
      const claimed = await tx
        .update(notifications)
        .set({ emailedAt: at.now })
        .where(
          and(
            eq(notifications.userId, userId),
            isNull(notifications.emailedAt),
            isNull(notifications.readAt),
            gt(notifications.createdAt, at.since),
            lte(notifications.createdAt, at.now),
          ),
        )
        .returning({
          id: notifications.id,
          kind: notifications.kind,
          data: notifications.data,
          createdAt: notifications.createdAt,
        });
      // Read in the app since the member was picked: no summary, and the day is not used up.
      if (claimed.length === 0) throw new NothingToSend();
      claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));

      const locale = recipientLocale(member.locale);
      const unsubscribe = unsubscribeUrl(origin, userId);
      const rendered = digestMail({
        locale,
        name: member.name,
        items: claimed.slice(0, DIGEST_ITEMS_MAX).map((notice) => mailItem(locale, notice, origin)),
        more: Math.max(0, claimed.length - DIGEST_ITEMS_MAX),
        allUrl: `${origin}/notifications`,
        settingsUrl: `${origin}/settings/notifications`,
        unsubscribeUrl: unsubscribe,
      });
      const queued = await enqueueMail(tx, {
        to: member.email,
        kind: "notification-digest",
        ...rendered,
        headers: unsubscribeHeaders(unsubscribe),
        userId,
        dedupeKey: `digest:${userId}:${at.slot.toISOString().slice(0, 10)}`,
      });
      // This day's summary exists already (digest_sent_at was set back by hand): leave everything as it was.
      if (!queued) throw new NothingToSend();
      return true;
    });
  } catch (error) {
    if (error instanceof NothingToSend || error instanceof TransactionRollbackError) return false;
    throw error;
  }
}

// ------------------------------------------------------------------ the loop

type DigestState = { started: boolean; timer?: NodeJS.Timeout; running: Promise<void> | null };

function state(): DigestState {
  return processSingleton<DigestState>("vertrekpunt.notificationDigest", () => ({
    started: false,
    running: null,
  }));
}

/**
 * Looks for due summaries every minute in this process. Idempotent; started by
 * instrumentation.ts next to the mail worker, which sends what this queues. Stopped at shutdown.
 */
export function startDigestWorker(): void {
  if (isBuildPhase()) return;
  const s = state();
  if (s.started) return;
  s.started = true;
  s.timer = setInterval(() => {
    if (s.running) return;
    s.running = runDigestOnce()
      .then((sent) => {
        if (sent > 0) log.info("notification digests queued", { sent });
      })
      .catch((error) =>
        log.warn("notification digest run failed; retrying at the next run", errorFields(error)),
      )
      .finally(() => {
        s.running = null;
      });
  }, POLL_MS);
  s.timer.unref();
  onShutdown("notification-digest", stopDigestWorker);
  if (!process.env.SITE_URL && isProduction()) {
    log.warn(
      "SITE_URL is not set: links in notification digests point to localhost; set SITE_URL in production",
    );
  }
}

export async function stopDigestWorker(): Promise<void> {
  const s = state();
  clearInterval(s.timer);
  s.timer = undefined;
  await s.running;
  s.started = false;
}
