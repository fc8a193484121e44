import en from "../i18n/messages/en.json";
import nl from "../i18n/messages/nl.json";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "../i18n/locales";
import { STATIC_SECURITY_HEADERS } from "../security/headers";

/*
 * The pages the server script (scripts/server.ts) answers itself, without Next: 503 while the
 * database is down, 413 for a request body over the limit and 405 for a method the app does
 * not answer. They must work when nothing else
 * does, so they are static HTML with the text from the message catalogues, no scripts, no
 * stylesheet to load, and a CSP of their own that allows only their inline style.
 */

export type ServerPage = { status: number; headers: Record<string, string>; body: string };

type PageText = { title: string; text: string; tryAgain: string; reference: string };

const CATALOGUES = { en: en.errors, nl: nl.errors } satisfies Record<Locale, unknown>;

const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// For answers that load nothing at all: JSON and plain text.
const NOTHING_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Seconds a client should wait before trying again while the database is down. */
export const RETRY_AFTER_SECONDS = 5;

/** The language switcher's cookie first, then the browser's preference: as lib/i18n/request.ts. */
export function pickLocale(cookieHeader: string | undefined, acceptLanguage: string | undefined): Locale {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === LOCALE_COOKIE) {
      const chosen = decodeURIComponentSafe(value.join("="));
      if (isLocale(chosen)) return chosen;
    }
  }
  return negotiateLocale(acceptLanguage);
}

/** "1 MB", "512 KB", "1500 bytes": the limit as a person reads it. */
export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib && Number.isInteger((bytes * 10) / mib)) return `${(bytes * 10) / mib / 10} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** While the database is down: "we are back shortly", for a page request. */
export function unavailablePage(options: {
  locale: Locale;
  requestId: string;
  url: string | undefined;
}): ServerPage {
  const messages = CATALOGUES[options.locale];
  return htmlPage(
    503,
    options.locale,
    options,
    {
      title: messages.unavailableTitle,
      text: messages.unavailableText,
      tryAgain: messages.tryAgain,
      reference: messages.errorReference,
    },
    { "Retry-After": String(RETRY_AFTER_SECONDS) },
  );
}

/** A request body over REQUEST_BODY_LIMIT_BYTES, for a page or form request. */
export function tooLargePage(options: {
  locale: Locale;
  requestId: string;
  url: string | undefined;
  limitBytes: number;
}): ServerPage {
  const messages = CATALOGUES[options.locale];
  return htmlPage(
    413,
    options.locale,
    options,
    {
      title: messages.tooLargeTitle,
      text: interpolate(messages.tooLargeText, { limit: formatBytes(options.limitBytes) }),
      tryAgain: messages.tryAgain,
      reference: messages.errorReference,
    },
    {},
  );
}

/** A method the app answers nowhere (lib/security/request-guard.ts): TRACE, PUT, DELETE... */
export function methodNotAllowedPage(options: {
  locale: Locale;
  requestId: string;
  url: string | undefined;
  method: string;
  allow: string;
}): ServerPage {
  const messages = CATALOGUES[options.locale];
  return htmlPage(
    405,
    options.locale,
    options,
    {
      title: messages.methodNotAllowedTitle,
      text: interpolate(messages.methodNotAllowedText, { method: options.method }),
      tryAgain: messages.backHome,
      reference: messages.errorReference,
    },
    { Allow: options.allow },
    "/",
  );
}

/** The API's shape for all three: `{ error, requestId }`. */
export function unavailableJson(requestId: string): ServerPage {
  return jsonPage(
    503,
    { error: "The database cannot be reached right now. Try again in a few seconds.", requestId },
    {
      "Retry-After": String(RETRY_AFTER_SECONDS),
    },
  );
}

export function tooLargeJson(requestId: string, limitBytes: number): ServerPage {
  return jsonPage(
    413,
    { error: `The request body is larger than the limit of ${limitBytes} bytes.`, requestId },
    {},
  );
}

export function methodNotAllowedJson(requestId: string, method: string, allow: string): ServerPage {
  return jsonPage(
    405,
    { error: `The API does not answer ${method} requests; it answers ${allow}.`, requestId },
    { Allow: allow },
  );
}

/** A path with broken percent-encoding: it names nothing, so plain text in no language. */
export function badEncodingText(requestId: string): ServerPage {
  return {
    status: 400,
    headers: {
      ...STATIC_SECURITY_HEADERS,
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Security-Policy": NOTHING_CSP,
      "Cache-Control": "no-store",
    },
    body: `Bad request: the address has invalid percent-encoding. Reference: ${requestId}\n`,
  };
}

function jsonPage(status: number, body: Record<string, unknown>, extra: Record<string, string>): ServerPage {
  return {
    status,
    headers: {
      ...STATIC_SECURITY_HEADERS,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Security-Policy": NOTHING_CSP,
      "Cache-Control": "no-store",
      ...extra,
    },
    body: JSON.stringify(body),
  };
}

function htmlPage(
  status: number,
  locale: Locale,
  { requestId, url }: { requestId: string; url: string | undefined },
  text: PageText,
  extra: Record<string, string>,
  link = sameUrl(url),
): ServerPage {
  const body = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(text.title)} · Vertrekpunt</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.5;color:#1c1917;background:#fafaf9;margin:0}
main{max-width:36rem;margin:4rem auto;padding:0 1rem}
h1{font-size:1.75rem;margin:0 0 1rem}
a{color:#14532d;font-weight:600}
.reference{color:#57534e;font-size:.875rem;margin-top:2rem}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.text)}</p>
<p><a href="${escapeHtml(link)}">${escapeHtml(text.tryAgain)}</a></p>
<p class="reference">${escapeHtml(interpolate(text.reference, { id: requestId }))}</p>
</main>
</body>
</html>
`;
  return {
    status,
    headers: {
      ...STATIC_SECURITY_HEADERS,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": PAGE_CSP,
      "Cache-Control": "no-store",
      ...extra,
    },
    body,
  };
}

/** The request's own path and query, as a link on this site: never `//other.example`. */
function sameUrl(url: string | undefined): string {
  // Browsers read "/\\host" as "//host" and drop tabs and newlines before they parse a URL.
  if (!url || !url.startsWith("/") || url.startsWith("//") || /[\\\x00-\x20]/.test(url)) return "/";
  return url;
}

function interpolate(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
