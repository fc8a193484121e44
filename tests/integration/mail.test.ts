/*
 * The mail queue against a real SMTP server in this process (tests/support/mail-catcher.ts):
 * each mail arrives exactly once however many runs work the queue, failures are retried later
 * with a growing wait, and a mail is given up after its last attempt. Runs on PGlite and, with
 * DATABASE_URL, on PostgreSQL, where two pools stand in for two app processes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, openDatabase } from "@/db";
import { mailOutbox } from "@/db/schema";
import { rowsOf } from "@/lib/data-transfer/export";
import { enqueueMail } from "@/lib/mail/outbox";
import {
  MAIL_RETRY_MAX_SECONDS,
  retryDelaySeconds,
  startMailWorker,
  stopMailWorker,
  workMailQueueOnce,
} from "@/lib/mail/worker";
import { withDatabaseName } from "../support/database-url";
import { readMessage, startMailCatcher, type MailCatcher } from "../support/mail-catcher";

let catcher: MailCatcher;
let n = 0;

beforeAll(async () => {
  catcher = await startMailCatcher();
  process.env.SMTP_URL = catcher.url;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await catcher.close();
});

beforeEach(async () => {
  catcher.received.length = 0;
  catcher.setDelay(0);
  await (await getDb()).delete(mailOutbox);
});

async function enqueue(overrides: { subject?: string; dedupeKey?: string } = {}) {
  const subject = overrides.subject ?? `Test mail ${++n}`;
  const id = await enqueueMail(await getDb(), {
    to: `reader-${n}@example.org`,
    kind: "test",
    subject,
    text: `Hello, this is ${subject}.`,
    html: `<p>Hello, this is ${subject}.</p>`,
    dedupeKey: overrides.dedupeKey,
  });
  return { id, subject };
}

const receivedSubjects = () => catcher.received.map((mail) => readMessage(mail.raw).subject).sort();
const row = async (id: string) =>
  (await (await getDb()).select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];
const seconds = (from: Date, s: number) => new Date(from.getTime() + s * 1000);

describe("sending", () => {
  it("delivers every mail exactly once when two runs work the queue at the same time", async () => {
    const mails = await Promise.all(Array.from({ length: 12 }, () => enqueue()));
    catcher.setDelay(20);
    const [a, b] = await Promise.all([workMailQueueOnce(), workMailQueueOnce()]);
    expect(a.sent + b.sent).toBe(12);
    expect(a.retried + b.retried + a.failed + b.failed).toBe(0);
    expect(receivedSubjects()).toEqual(mails.map((mail) => mail.subject).sort());

    const first = await row(mails[0].id as string);
    expect(first.status).toBe("sent");
    expect(first.sentAt).toBeInstanceOf(Date);
    // Nothing is left to do.
    expect(await workMailQueueOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(catcher.received).toHaveLength(12);
  });

  it("sends the text and HTML parts, from MAIL_FROM's default, with the queue id as Message-ID", async () => {
    const { id, subject } = await enqueue();
    await workMailQueueOnce();
    const [mail] = catcher.received;
    const message = readMessage(mail.raw);
    expect(message.subject).toBe(subject);
    expect(message.text).toContain(`Hello, this is ${subject}.`);
    expect(message.html).toContain(`<p>Hello, this is ${subject}.</p>`);
    expect(message.headers.get("message-id")).toBe(`<${id}@vertrekpunt>`);
    expect(message.headers.get("from")).toContain("no-reply@localhost");
    expect(mail.to).toEqual([`reader-${n}@example.org`]);
  });

  it.runIf(process.env.DATABASE_URL)(
    "delivers every mail exactly once with two app processes' worker loops on one PostgreSQL",
    async () => {
      const db = await getDb();
      const [{ name }] = rowsOf<{ name: string }>(await db.execute(sql`SELECT current_database() AS name`));
      // A second pool on the same database: what a second app process would have.
      const other = await openDatabase({
        databaseUrl: withDatabaseName(process.env.DATABASE_URL as string, name),
      });
      try {
        const mails = await Promise.all(Array.from({ length: 20 }, () => enqueue()));
        catcher.setDelay(25);
        const loop = async (database?: typeof other) => {
          let sent = 0;
          for (;;) {
            const counts = await workMailQueueOnce({ database, limit: 1 });
            if (counts.sent === 0) return sent;
            sent += counts.sent;
          }
        };
        const [here, there] = await Promise.all([loop(), loop(other)]);
        expect(here + there).toBe(20);
        // Both took part: SKIP LOCKED let each pass over the row the other was sending.
        expect(here).toBeGreaterThan(0);
        expect(there).toBeGreaterThan(0);
        expect(receivedSubjects()).toEqual(mails.map((mail) => mail.subject).sort());
      } finally {
        await other.close();
      }
    },
  );
});

describe("failures", () => {
  it.each(["rcpt", "data"] as const)(
    "retries a mail the server refused (at %s) after 30 seconds, then delivers it once",
    async (stage) => {
      const { id, subject } = await enqueue();
      catcher.refuseNext(1, stage);
      const start = new Date(Date.now() + 1000);
      expect(await workMailQueueOnce({ now: start })).toEqual({ sent: 0, retried: 1, failed: 0 });

      const waiting = await row(id as string);
      expect(waiting).toMatchObject({ status: "pending", attempts: 1, sentAt: null });
      expect(waiting.lastError).toMatch(/451/);
      expect(waiting.nextAttemptAt.getTime()).toBe(seconds(start, 30).getTime());

      // Not due yet.
      expect(await workMailQueueOnce({ now: seconds(start, 29) })).toEqual({
        sent: 0,
        retried: 0,
        failed: 0,
      });
      expect(await workMailQueueOnce({ now: seconds(start, 30) })).toEqual({
        sent: 1,
        retried: 0,
        failed: 0,
      });
      expect(receivedSubjects()).toEqual([subject]);
      expect(await row(id as string)).toMatchObject({ status: "sent", attempts: 1 });
    },
  );

  it("waits twice as long after each failure and gives the mail up after its last attempt", async () => {
    const { id } = await enqueue();
    catcher.refuseNext(3);
    const start = new Date(Date.now() + 1000);
    expect(await workMailQueueOnce({ now: start, maxAttempts: 3 })).toMatchObject({ retried: 1 });
    expect((await row(id as string)).nextAttemptAt.getTime()).toBe(seconds(start, 30).getTime());
    expect(await workMailQueueOnce({ now: seconds(start, 30), maxAttempts: 3 })).toMatchObject({
      retried: 1,
    });
    expect((await row(id as string)).nextAttemptAt.getTime()).toBe(seconds(start, 90).getTime());
    expect(await workMailQueueOnce({ now: seconds(start, 90), maxAttempts: 3 })).toEqual({
      sent: 0,
      retried: 0,
      failed: 1,
    });

    expect(await row(id as string)).toMatchObject({ status: "failed", attempts: 3, sentAt: null });
    // Never tried again.
    expect(await workMailQueueOnce({ now: seconds(start, 86_400) })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(catcher.received).toHaveLength(0);
  });

  it("caps the wait at an hour", () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(9)).toBe(MAIL_RETRY_MAX_SECONDS);
    expect(retryDelaySeconds(40)).toBe(MAIL_RETRY_MAX_SECONDS);
  });
});

describe("enqueueing", () => {
  it("keeps one mail per dedupe key", async () => {
    const key = `dedupe-${Date.now()}`;
    const first = await enqueue({ dedupeKey: key });
    const second = await enqueue({ dedupeKey: key });
    expect(first.id).toEqual(expect.any(String));
    expect(second.id).toBeNull();
    const db = await getDb();
    expect((await db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.dedupeKey, key)))[0].n).toBe(
      1,
    );
    await workMailQueueOnce();
    expect(receivedSubjects()).toEqual([first.subject]);
  });

  it("takes part in the caller's transaction: no mail when it rolls back", async () => {
    const db = await getDb();
    const subject = `Rolled back ${Date.now()}`;
    await db
      .transaction(async (tx) => {
        await enqueueMail(tx, { to: "someone@example.org", kind: "test", subject, text: "Never sent." });
        tx.rollback();
      })
      .catch(() => undefined);
    expect(
      (await db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.subject, subject)))[0].n,
    ).toBe(0);
  });
});

describe("without SMTP_URL", () => {
  it("writes each mail to a file in MAIL_DIR", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vertrekpunt-mail-"));
    process.env.MAIL_DIR = dir;
    delete process.env.SMTP_URL;
    try {
      const { subject } = await enqueue();
      expect(await workMailQueueOnce()).toMatchObject({ sent: 1 });
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      const content = readFileSync(path.join(dir, files[0]), "utf8");
      expect(content).toContain(`Subject: ${subject}`);
      expect(content).toContain(`Hello, this is ${subject}.`);
    } finally {
      process.env.SMTP_URL = catcher.url;
      delete process.env.MAIL_DIR;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("headers", () => {
  // What a display name with a line break, stored before names were checked, once did.
  const hostile = {
    to: "reader@example.org",
    kind: "test",
    subject: "Eve\nBcc: victim@example.org commented on your story",
    text: "Body line\nBcc: this line is body text and stays",
    headers: {
      "List-Unsubscribe": "<https://site.example/u>\r\nBcc: other@evil.example",
      "Bad Name:\nBcc": "x",
    },
  };

  it("are one line each in a mail file, whatever the values hold", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "vertrekpunt-mail-"));
    process.env.MAIL_DIR = dir;
    delete process.env.SMTP_URL;
    try {
      await enqueueMail(await getDb(), hostile);
      expect(await workMailQueueOnce()).toMatchObject({ sent: 1 });
      const [file] = readdirSync(dir);
      const [head, body] = readFileSync(path.join(dir, file), "utf8").split("\n\n");
      expect(head.split("\n").filter((line) => /^bcc:/i.test(line))).toEqual([]);
      expect(head).toContain("Subject: Eve Bcc: victim@example.org commented on your story");
      expect(head).toContain("List-Unsubscribe: <https://site.example/u> Bcc: other@evil.example");
      expect(head).not.toContain("Bad Name");
      expect(body).toContain("Body line\nBcc: this line is body text and stays");
    } finally {
      process.env.SMTP_URL = catcher.url;
      delete process.env.MAIL_DIR;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("are one line each over SMTP, and the mail goes to its one recipient", async () => {
    await enqueueMail(await getDb(), hostile);
    await workMailQueueOnce();
    const [mail] = catcher.received;
    expect(mail.to).toEqual(["reader@example.org"]);
    const message = readMessage(mail.raw);
    expect(message.headers.get("bcc")).toBeUndefined();
    expect(message.subject).toBe("Eve Bcc: victim@example.org commented on your story");
  });

  it("go to one plain address or nowhere", async () => {
    for (const to of [
      "reader@example.org\r\nBcc: spy@evil.example",
      "reader@example.org, spy@evil.example",
      "Reader <spy@evil.example>",
    ]) {
      const id = await enqueueMail(await getDb(), { ...hostile, to });
      await workMailQueueOnce();
      expect(await row(id as string)).toMatchObject({ status: "pending", attempts: 1 });
    }
    expect(catcher.received).toEqual([]);
  });
});

describe("the worker", () => {
  it("sends promptly after an enqueue in the same process, and at shutdown waits for the send in progress", async () => {
    // Polling alone would take a minute: only the wake-up on enqueue can be this quick.
    process.env.MAIL_POLL_MS = "60000";
    startMailWorker();
    startMailWorker(); // idempotent
    try {
      const { subject } = await enqueue();
      await expect.poll(receivedSubjects, { timeout: 5_000, interval: 50 }).toEqual([subject]);

      catcher.setDelay(600);
      const slow = await enqueue();
      await expect.poll(() => catcher.inProgress(), { timeout: 5_000, interval: 20 }).toBe(1);
      await stopMailWorker();
      // The mail being sent when the worker stopped was finished and recorded.
      expect(await row(slow.id as string)).toMatchObject({ status: "sent" });
    } finally {
      await stopMailWorker();
      delete process.env.MAIL_POLL_MS;
    }
  });
});
