import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { pgliteDataDir } from "@/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { processSingleton } from "@/lib/singleton";

/*
 * How a mail leaves the app. SMTP_URL set: nodemailer over SMTP to that server. Unset: the
 * mail is written to the server log and to a file in the mail folder (see `mailDir`), so a
 * developer or a local installation can still follow the links in it. Only the mail worker
 * (worker.ts) sends; requests only write to the queue (outbox.ts).
 */

export type OutgoingMail = {
  /** The queue row's id; becomes the Message-ID, so a repeat after a crash can be recognised. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
};

export type MailTransport = {
  kind: "smtp" | "file";
  /** For the log: the SMTP host and port (never the credentials), or the folder. */
  target: string;
  send: (mail: OutgoingMail) => Promise<void>;
  close: () => void;
};

// A mail server that stops answering must not hold the worker (and its locked row) for long.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

export function mailFrom(): string {
  return env().MAIL_FROM;
}

/**
 * The folder the file transport writes to: MAIL_DIR when set; otherwise `mail/` beside the
 * embedded database folder, i.e. in the parent of PGLITE_DATA_DIR (`.data/mail` by default, and
 * a throwaway data folder's own `mail/` for a test server); with DATABASE_URL, `.data/mail`.
 */
export function mailDir(): string {
  const { MAIL_DIR, DATABASE_URL } = env();
  if (MAIL_DIR) return path.resolve(/*turbopackIgnore: true*/ MAIL_DIR);
  if (!DATABASE_URL) return path.join(path.dirname(pgliteDataDir()), "mail");
  return path.resolve(/*turbopackIgnore: true*/ ".data", "mail");
}

/*
 * Every header value, whatever its source (a member's name in a subject, an address, a link),
 * becomes one line: CR, LF and every other control character turn into a space, so no value
 * can start a header of its own (a name with a line break once added a `Bcc:` line). Header
 * names are ours, but are held to RFC 5322's characters all the same.
 */
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]+/gu;
const HEADER_NAME = /^[!-9;-~]+$/;

export function headerValue(value: string): string {
  return value.replace(CONTROL, " ").trim();
}

// One plain address: a mail goes to exactly the account it was written for, never to a list.
const ONE_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;

export class InvalidRecipientError extends Error {
  constructor() {
    super("The recipient is not one plain mail address; the mail is not sent.");
    this.name = "InvalidRecipientError";
  }
}

function headerFields(mail: OutgoingMail): { to: string; subject: string; headers: Record<string, string> } {
  if (!ONE_ADDRESS.test(mail.to)) throw new InvalidRecipientError();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (HEADER_NAME.test(name)) headers[name] = headerValue(value);
  }
  return { to: mail.to, subject: headerValue(mail.subject), headers };
}

function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }, { from: mailFrom() });
  const parsed = URL.canParse(url) ? new URL(url) : null;
  return {
    kind: "smtp",
    target: parsed ? `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}` : "smtp",
    send: async (mail) => {
      const { to, subject, headers } = headerFields(mail);
      await transporter.sendMail({
        messageId: messageId(mail.id),
        to,
        subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        headers,
      });
    },
    close: () => transporter.close(),
  };
}

function fileTransport(): MailTransport {
  const dir = mailDir();
  return {
    kind: "file",
    target: dir,
    send: async (mail) => {
      await mkdir(dir, { recursive: true });
      const date = new Date();
      const file = path.join(dir, `${date.toISOString().replace(/[:.]/g, "-")}-${mail.id.slice(0, 8)}.txt`);
      const { to, subject, headers } = headerFields(mail);
      const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
      const content = [
        `From: ${headerValue(mailFrom())}`,
        `To: ${to}`,
        `Subject: ${subject}`,
        `Date: ${date.toUTCString()}`,
        `Message-ID: ${messageId(mail.id)}`,
        ...headerLines,
        "",
        mail.text,
        "",
      ].join("\n");
      await writeFile(file, content, { encoding: "utf8", flag: "wx" });
      // The whole text in the log as well: with no SMTP server this is how the mail is read.
      log.info("mail written (no SMTP_URL)", { mailId: mail.id, to, subject, file, text: mail.text });
    },
    close: () => {},
  };
}

function messageId(id: string): string {
  return `<${id}@vertrekpunt>`;
}

// One transport per process (instrumentation and route bundles share it), rebuilt when the
// configuration changes (tests point SMTP_URL at a server of their own).
type State = { config: string; transport: MailTransport };

export function getMailTransport(): MailTransport {
  const slot = processSingleton<{ current?: State }>("vertrekpunt.mailTransport", () => ({}));
  const { SMTP_URL } = env();
  const config = JSON.stringify([SMTP_URL ?? "", mailFrom(), SMTP_URL ? "" : mailDir()]);
  const current = slot.current;
  if (current?.config === config) return current.transport;
  current?.transport.close();
  const transport = SMTP_URL ? smtpTransport(SMTP_URL) : fileTransport();
  slot.current = { config, transport };
  return transport;
}
