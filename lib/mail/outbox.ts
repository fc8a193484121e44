import "server-only";
import type { Database, Transaction } from "@/db";
import { mailOutbox } from "@/db/schema";
import { mailEnqueued } from "./nudge";

/*
 * The queue side of outgoing mail: a request writes the mail to `mail_outbox`, in its own
 * transaction when it has one, and returns; the worker (worker.ts) sends it. So a slow or
 * unreachable mail server never slows down or fails the request, and a mail exists exactly
 * when what caused it was committed. See docs/decisions/020-mail-outbox.md.
 */

export type MailMessage = {
  to: string;
  /** What the mail is, for the log and for queries ("password-reset"). */
  kind: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
  /** The account the mail is for, when there is one. */
  userId?: string | null;
  /** At most one mail ever exists per key: a second enqueue with it is ignored. */
  dedupeKey?: string | null;
};

// Rows per insert statement when many mails are queued at once (notifications).
const BATCH = 500;

/**
 * Adds a mail to the queue, with the database or inside the caller's transaction (then it is
 * sent only if that transaction commits). Returns the new mail's id, or null when a mail with
 * the same `dedupeKey` already exists.
 */
export async function enqueueMail(db: Database | Transaction, mail: MailMessage): Promise<string | null> {
  const [id] = await enqueueMails(db, [mail]);
  return id ?? null;
}

/**
 * Adds many mails to the queue in a few statements, like `enqueueMail`; a mail whose
 * `dedupeKey` exists is skipped. Returns the ids of the mails added.
 */
export async function enqueueMails(
  db: Database | Transaction,
  mails: readonly MailMessage[],
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < mails.length; i += BATCH) {
    const rows = await db
      .insert(mailOutbox)
      .values(
        mails.slice(i, i + BATCH).map((mail) => ({
          toAddress: mail.to,
          kind: mail.kind,
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: mail.html ?? null,
          headers: mail.headers ?? {},
          userId: mail.userId ?? null,
          dedupeKey: mail.dedupeKey ?? null,
        })),
      )
      .onConflictDoNothing({ target: mailOutbox.dedupeKey })
      .returning({ id: mailOutbox.id });
    ids.push(...rows.map((row) => row.id));
  }
  // Inside a transaction the worker may look before the commit; then the next poll finds it.
  if (ids.length > 0) mailEnqueued();
  return ids;
}
