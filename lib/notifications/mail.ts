import "server-only";
import { inArray } from "drizzle-orm";
// The framework-free translator: mail is written outside React (and outside requests).
import { createTranslator } from "use-intl/core";
import type { Transaction } from "@/db";
import { notifications } from "@/db/schema";
import { publicOrigin } from "@/lib/auth/public-origin";
import { siteOrigin } from "@/lib/feeds/site-url";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";
import { errorFields, log } from "@/lib/log";
import { enqueueMails, type MailMessage } from "@/lib/mail/outbox";
import { notificationMail, type NotificationMailItem } from "@/lib/mail/templates";
import type { Translate } from "@/lib/validation/error-map";
import { describeNotice, type NoticeLike } from "./text";
import { unsubscribeToken } from "./unsubscribe";

/*
 * Notification mail: rendered in the recipient's language (users.locale) when it is queued,
 * with a one-click unsubscribe link and the RFC 2369 / RFC 8058 headers that let mail clients
 * offer "unsubscribe" themselves. Mail only goes into the outbox (lib/mail/outbox.ts); the
 * worker sends it, so neither a slow mail server nor a broken template fails the request.
 */

export type Recipient = { userId: string; email: string; name: string; locale: string };
export type StoredNotice = NoticeLike & { id: string };

const CATALOGUES = { en, nl } as const;
const BATCH = 500;

export function recipientLocale(value: string): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/**
 * The origin links in mail point to: the site's public origin (lib/auth/public-origin.ts), also
 * for the digest, which runs outside any request and so has no Host to go by.
 */
export async function mailOrigin(): Promise<string> {
  try {
    return await siteOrigin();
  } catch {
    return publicOrigin(new Headers());
  }
}

export function unsubscribeUrl(origin: string, userId: string): string {
  return `${origin}/unsubscribe/${unsubscribeToken(userId)}`;
}

/** RFC 2369 and RFC 8058: mail clients show "unsubscribe" and post to the link themselves. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** One notification as a line of mail: its sentence, a moderator's reason, and a link that marks it read. */
export function mailItem(locale: Locale, notice: StoredNotice, origin: string): NotificationMailItem {
  const typed = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "notices" });
  // describeNotice builds keys from the notification's kind; unknown kinds have their own text.
  const t: Translate = (key, values) => typed(key as never, values as never);
  const described = describeNotice(t, notice, locale);
  return {
    text: described.text,
    detail: described.reason ? t("reason", { reason: described.reason }) : null,
    url: `${origin}/notifications/${notice.id}`,
  };
}

/**
 * For members who want each notification at once: one mail per notification (dedupeKey
 * `notification:<id>`, so never two), and `emailed_at` set, in the caller's transaction.
 * Rendering runs before anything is written: should it fail, the notifications stay (unmailed)
 * and the request goes on.
 */
export async function mailEachAtOnce(tx: Transaction, rows: (StoredNotice & Recipient)[]): Promise<void> {
  if (rows.length === 0) return;
  let mails: MailMessage[];
  try {
    const origin = await mailOrigin();
    const settingsUrl = `${origin}/settings/notifications`;
    mails = rows.map((row) => {
      const locale = recipientLocale(row.locale);
      const unsubscribe = unsubscribeUrl(origin, row.userId);
      const rendered = notificationMail({
        locale,
        name: row.name,
        item: mailItem(locale, row, origin),
        settingsUrl,
        unsubscribeUrl: unsubscribe,
      });
      return {
        to: row.email,
        kind: "notification",
        ...rendered,
        headers: unsubscribeHeaders(unsubscribe),
        userId: row.userId,
        dedupeKey: `notification:${row.id}`,
      };
    });
  } catch (error) {
    log.error("notification mail not rendered; the notifications stay unmailed", {
      count: rows.length,
      ...errorFields(error),
    });
    return;
  }
  await enqueueMails(tx, mails);
  const ids = rows.map((row) => row.id);
  for (let i = 0; i < ids.length; i += BATCH) {
    await tx
      .update(notifications)
      .set({ emailedAt: new Date() })
      .where(inArray(notifications.id, ids.slice(i, i + BATCH)));
  }
}
