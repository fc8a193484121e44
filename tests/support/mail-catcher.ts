/*
 * A real SMTP server for tests (npm `smtp-server`), on a free loopback port: the app's
 * nodemailer transport talks SMTP to it, and tests read what it received. It can refuse the
 * next deliveries (as a mail server that is briefly unwell would) and slow each one down.
 * With `dir`, every message is also written there as JSON, for readers in other processes
 * (the end-to-end tests: playwright.config.ts starts one, e2e/fixtures.ts reads the folder).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; raw: string; receivedAt: string };

export type MailCatcher = {
  port: number;
  /** For SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** The next `count` deliveries are refused with a temporary error (451) at RCPT TO or after DATA. */
  refuseNext: (count: number, stage?: "rcpt" | "data") => void;
  /** Each message is acknowledged only after this many milliseconds, so concurrent senders overlap. */
  setDelay: (ms: number) => void;
  /** Messages whose data arrived but that are not acknowledged yet (see setDelay). */
  inProgress: () => number;
  close: () => Promise<void>;
};

function temporaryError(message: string): Error {
  return Object.assign(new Error(message), { responseCode: 451 });
}

export async function startMailCatcher(
  options: { dir?: string; unref?: boolean } = {},
): Promise<MailCatcher> {
  const received: ReceivedMail[] = [];
  const refusals = { rcpt: 0, data: 0 };
  let delayMs = 0;
  let counter = 0;
  let inProgress = 0;
  if (options.dir) mkdirSync(options.dir, { recursive: true });

  const server = new SMTPServer({
    // Plain SMTP on loopback: no TLS upgrade or login for the client to negotiate.
    disabledCommands: ["AUTH", "STARTTLS"],
    authOptional: true,
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals.rcpt > 0) {
        refusals.rcpt -= 1;
        return callback(temporaryError("Mailbox temporarily unavailable, try again later"));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusals.data > 0) {
          refusals.data -= 1;
          return callback(temporaryError("Local error in processing, try again later"));
        }
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          receivedAt: new Date().toISOString(),
        };
        inProgress += 1;
        setTimeout(() => {
          inProgress -= 1;
          received.push(mail);
          if (options.dir)
            writeFileSync(
              path.join(options.dir, `${Date.now()}-${process.pid}-${++counter}.json`),
              JSON.stringify(mail),
            );
          callback();
        }, delayMs);
      });
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    const listener = server.listen(0, "127.0.0.1", () => {
      const address = listener.address();
      if (typeof address === "object" && address) resolve(address.port);
      else reject(new Error("The mail catcher has no port"));
    });
    listener.once("error", reject);
    if (options.unref) listener.unref();
  });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (count, stage = "rcpt") => {
      refusals[stage] += count;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    inProgress: () => inProgress,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every message a catcher with `dir` wrote, oldest first. */
export function readMailFolder(dir: string): ReceivedMail[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith(".json"));
  } catch {
    return [];
  }
  return files
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
    .map((file) => JSON.parse(readFileSync(path.join(dir, file), "utf8")) as ReceivedMail);
}

// ------------------------------------------------------------------ reading a message

type Part = { headers: Map<string, string>; body: string };

function splitPart(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, "\n");
  const end = normalised.indexOf("\n\n");
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? "" : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace.
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(part.body.replace(/=\n/g, ""));
  return part.body;
}

function decodeQuotedPrintable(input: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const hex = input.slice(i + 1, i + 3);
    if (input[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(input[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeEncodedWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
    kind.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

function findPart(raw: string, type: string): Part | null {
  const part = splitPart(raw);
  const contentType = part.headers.get("content-type") ?? "text/plain";
  if (contentType.toLowerCase().startsWith(type)) return part;
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!contentType.toLowerCase().startsWith("multipart/") || !boundary) return null;
  for (const section of part.body.split(`--${boundary}`).slice(1)) {
    if (section.startsWith("--")) break;
    const found = findPart(section.replace(/^\n/, ""), type);
    if (found) return found;
  }
  return null;
}

/** Subject and the decoded plain-text and HTML parts of a raw message. */
export function readMessage(raw: string): {
  subject: string;
  text: string;
  html: string | null;
  headers: Map<string, string>;
} {
  const top = splitPart(raw);
  const text = findPart(raw, "text/plain");
  const html = findPart(raw, "text/html");
  return {
    subject: decodeEncodedWords(top.headers.get("subject") ?? ""),
    text: text ? decodeBody(text) : "",
    html: html ? decodeBody(html) : null,
    headers: top.headers,
  };
}
