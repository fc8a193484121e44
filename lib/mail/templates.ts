import "server-only";
// The framework-free translator: mail is written outside React (and outside requests).
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import nl from "@/lib/i18n/messages/nl.json";

/*
 * Mail texts, from the `mail` section of the message catalogues, in the language the caller
 * passes (a reset mail: the request's). Rendered when the mail is queued, so the worker sends
 * what was written then. Plain text for every client, and a simple HTML part with the same words.
 */

export type RenderedMail = { subject: string; text: string; html: string };

const CATALOGUES = { en, nl } as const;

function translator(locale: Locale) {
  return createTranslator({ locale, messages: CATALOGUES[locale], namespace: "mail" });
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

function htmlDocument(locale: Locale, title: string, paragraphs: string[]): string {
  return [
    "<!doctype html>",
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1c1917; max-width: 36rem;">',
    ...paragraphs.map((p) => `<p>${p}</p>`),
    "</body>",
    "</html>",
  ].join("\n");
}

export function passwordResetMail(params: {
  locale: Locale;
  name: string;
  email: string;
  resetUrl: string;
  validMinutes: number;
}): RenderedMail {
  const t = translator(params.locale);
  const subject = t("passwordReset.subject");
  const greeting = t("greeting", { name: params.name });
  const intro = t("passwordReset.intro", { email: params.email });
  const expiry = t("passwordReset.expiry", { minutes: params.validMinutes });
  const text = [
    greeting,
    "",
    intro,
    "",
    t("passwordReset.linkIntro"),
    params.resetUrl,
    "",
    expiry,
    t("passwordReset.ignore"),
    "",
    t("signature"),
    "",
    "-- ",
    t("automatic"),
  ].join("\n");
  const html = htmlDocument(params.locale, subject, [
    escapeHtml(greeting),
    escapeHtml(intro),
    `<a href="${escapeHtml(params.resetUrl)}" style="display: inline-block; padding: 0.5rem 1rem; background: #1d4ed8; color: #ffffff; border-radius: 0.25rem; text-decoration: none;">${escapeHtml(t("passwordReset.action"))}</a>`,
    `${escapeHtml(t("passwordReset.linkIntro"))}<br><a href="${escapeHtml(params.resetUrl)}">${escapeHtml(params.resetUrl)}</a>`,
    `${escapeHtml(expiry)} ${escapeHtml(t("passwordReset.ignore"))}`,
    escapeHtml(t("signature")),
    `<small>${escapeHtml(t("automatic"))}</small>`,
  ]);
  return { subject, text, html };
}

// ------------------------------------------------------------------ notifications

/** One notification in a mail: its sentence (lib/notifications/text.ts), an extra line, its link. */
export type NotificationMailItem = { text: string; detail?: string | null; url: string };

type NotificationMailFrame = { locale: Locale; name: string; settingsUrl: string; unsubscribeUrl: string };

function noticeFooter(t: ReturnType<typeof translator>, params: NotificationMailFrame) {
  const text = [
    t("signature"),
    "",
    "-- ",
    t("notifications.why"),
    t("notifications.settingsIntro"),
    params.settingsUrl,
    t("notifications.unsubscribeIntro"),
    params.unsubscribeUrl,
    t("automatic"),
  ];
  const html = [
    escapeHtml(t("signature")),
    `<small>${escapeHtml(t("notifications.why"))} <a href="${escapeHtml(params.settingsUrl)}">${escapeHtml(t("notifications.settingsLink"))}</a> · <a href="${escapeHtml(params.unsubscribeUrl)}">${escapeHtml(t("notifications.unsubscribeLink"))}</a><br>${escapeHtml(t("automatic"))}</small>`,
  ];
  return { text, html };
}

/** A single notification, for members who get each one at once. */
export function notificationMail(
  params: NotificationMailFrame & { item: NotificationMailItem },
): RenderedMail {
  const t = translator(params.locale);
  const { item } = params;
  const subject = item.text.replace(/[.!]\s*$/, "");
  const greeting = t("greeting", { name: params.name });
  const footer = noticeFooter(t, params);
  const text = [
    greeting,
    "",
    item.text,
    ...(item.detail ? [item.detail] : []),
    "",
    t("notifications.open"),
    item.url,
    "",
    ...footer.text,
  ].join("\n");
  const html = htmlDocument(params.locale, subject, [
    escapeHtml(greeting),
    `${escapeHtml(item.text)}${item.detail ? `<br>${escapeHtml(item.detail)}` : ""}`,
    `<a href="${escapeHtml(item.url)}" style="display: inline-block; padding: 0.5rem 1rem; background: #1d4ed8; color: #ffffff; border-radius: 0.25rem; text-decoration: none;">${escapeHtml(t("notifications.action"))}</a>`,
    ...footer.html,
  ]);
  return { subject, text, html };
}

/** The daily summary: every notification since the last one, each with its link. */
export function digestMail(
  params: NotificationMailFrame & { items: NotificationMailItem[]; more: number; allUrl: string },
): RenderedMail {
  const t = translator(params.locale);
  const total = params.items.length + params.more;
  const subject = t("notifications.digestSubject", { count: total });
  const greeting = t("greeting", { name: params.name });
  const footer = noticeFooter(t, params);
  const text = [
    greeting,
    "",
    t("notifications.digestIntro"),
    "",
    ...params.items.flatMap((item) => [
      `- ${item.text}`,
      ...(item.detail ? [`  ${item.detail}`] : []),
      `  ${item.url}`,
      "",
    ]),
    ...(params.more > 0 ? [t("notifications.digestMore", { count: params.more }), ""] : []),
    t("notifications.digestAll"),
    params.allUrl,
    "",
    ...footer.text,
  ].join("\n");
  const list = params.items
    .map(
      (item) =>
        `<li style="margin-bottom: 0.5rem;"><a href="${escapeHtml(item.url)}">${escapeHtml(item.text)}</a>${item.detail ? `<br>${escapeHtml(item.detail)}` : ""}</li>`,
    )
    .join("");
  const html = htmlDocument(params.locale, subject, [
    escapeHtml(greeting),
    `${escapeHtml(t("notifications.digestIntro"))}</p><ul>${list}</ul><p>${params.more > 0 ? `${escapeHtml(t("notifications.digestMore", { count: params.more }))} ` : ""}<a href="${escapeHtml(params.allUrl)}">${escapeHtml(t("notifications.digestAll"))}</a>`,
    ...footer.html,
  ]);
  return { subject, text, html };
}

// ---------------------------------------------------------------- account mail (022)

type Translator = ReturnType<typeof translator>;

/**
 * A mail in the shape every account mail shares: greeting, paragraphs, an optional link with a
 * button in the HTML part, closing lines, signature. Texts come already translated.
 */
function accountMail(
  locale: Locale,
  t: Translator,
  parts: {
    subject: string;
    name: string;
    paragraphs: string[];
    link?: { url: string; action: string; intro: string };
    closing: string[];
  },
): RenderedMail {
  const greeting = t("greeting", { name: parts.name });
  const text = [
    greeting,
    "",
    ...parts.paragraphs.flatMap((p) => [p, ""]),
    ...(parts.link ? [parts.link.intro, parts.link.url, ""] : []),
    ...parts.closing,
    ...(parts.closing.length ? [""] : []),
    t("signature"),
    "",
    "-- ",
    t("automatic"),
  ].join("\n");
  const html = htmlDocument(locale, parts.subject, [
    escapeHtml(greeting),
    ...parts.paragraphs.map(escapeHtml),
    ...(parts.link
      ? [
          `<a href="${escapeHtml(parts.link.url)}" style="display: inline-block; padding: 0.5rem 1rem; background: #1d4ed8; color: #ffffff; border-radius: 0.25rem; text-decoration: none;">${escapeHtml(parts.link.action)}</a>`,
          `${escapeHtml(parts.link.intro)}<br><a href="${escapeHtml(parts.link.url)}">${escapeHtml(parts.link.url)}</a>`,
        ]
      : []),
    ...(parts.closing.length ? [parts.closing.map(escapeHtml).join(" ")] : []),
    escapeHtml(t("signature")),
    `<small>${escapeHtml(t("automatic"))}</small>`,
  ]);
  return { subject: parts.subject, text, html };
}

/** "Email me a sign-in link". */
export function magicLinkMail(params: {
  locale: Locale;
  name: string;
  email: string;
  url: string;
  validMinutes: number;
}): RenderedMail {
  const t = translator(params.locale);
  return accountMail(params.locale, t, {
    subject: t("magicLink.subject"),
    name: params.name,
    paragraphs: [t("magicLink.intro", { email: params.email })],
    link: { url: params.url, action: t("magicLink.action"), intro: t("magicLink.linkIntro") },
    closing: [t("magicLink.expiry", { minutes: params.validMinutes }), t("magicLink.ignore")],
  });
}

/** The link that confirms the address given at sign-up. */
export function confirmEmailMail(params: {
  locale: Locale;
  name: string;
  email: string;
  url: string;
  validHours: number;
}): RenderedMail {
  const t = translator(params.locale);
  return accountMail(params.locale, t, {
    subject: t("confirmEmail.subject"),
    name: params.name,
    paragraphs: [t("confirmEmail.intro", { email: params.email })],
    link: { url: params.url, action: t("confirmEmail.action"), intro: t("confirmEmail.linkIntro") },
    closing: [t("confirmEmail.expiry", { hours: params.validHours }), t("confirmEmail.ignore")],
  });
}

/** To the new address: the change happens only when this link is opened. */
export function changeEmailMail(params: {
  locale: Locale;
  name: string;
  email: string;
  url: string;
  validHours: number;
}): RenderedMail {
  const t = translator(params.locale);
  return accountMail(params.locale, t, {
    subject: t("changeEmail.subject"),
    name: params.name,
    paragraphs: [t("changeEmail.intro", { email: params.email })],
    link: { url: params.url, action: t("changeEmail.action"), intro: t("changeEmail.linkIntro") },
    closing: [t("changeEmail.expiry", { hours: params.validHours }), t("changeEmail.ignore")],
  });
}

/** To the old address, once the change is made. */
export function emailChangedMail(params: {
  locale: Locale;
  name: string;
  oldEmail: string;
  newEmail: string;
}): RenderedMail {
  const t = translator(params.locale);
  return accountMail(params.locale, t, {
    subject: t("emailChanged.subject"),
    name: params.name,
    paragraphs: [t("emailChanged.body", { oldEmail: params.oldEmail, newEmail: params.newEmail })],
    closing: [t("emailChanged.notYou")],
  });
}

/** After the account is gone: a record for the owner, and a warning if it was not them. */
export function accountDeletedMail(params: {
  locale: Locale;
  name: string;
  contentKept: boolean;
}): RenderedMail {
  const t = translator(params.locale);
  return accountMail(params.locale, t, {
    subject: t("accountDeleted.subject"),
    name: params.name,
    paragraphs: [
      t("accountDeleted.body"),
      params.contentKept ? t("accountDeleted.contentKept") : t("accountDeleted.contentDeleted"),
    ],
    closing: [t("accountDeleted.notYou")],
  });
}
