/**
 * Security headers and the cross-site request check, as pure functions: `proxy.ts` calls them
 * for every matched request, `next.config.ts` uses the static part for everything else
 * (`/_next/static`, icons), and the unit tests call them directly.
 *
 * No `server-only` and no Node APIs: the proxy and the config both import this file.
 */

/** Headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // `interest-cohort` (FLoC) is gone; browsers now log it as an unknown feature. Its
  // successor is the Topics API, `browsing-topics`.
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=()",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
};

export const HSTS = "max-age=63072000; includeSubDomains";

/** Nonces are base64: safe inside a CSP source expression and an HTML attribute. */
const NONCE_PATTERN = /^[A-Za-z0-9+/]{16,}={0,2}$/;

export function isValidNonce(nonce: string | null | undefined): nonce is string {
  return typeof nonce === "string" && NONCE_PATTERN.test(nonce);
}

// Random bytes for nonces, drawn 256 nonces at a time: one call into the system's random source
// per 256 responses instead of one per response (a page served from memory is that cheap). Each
// nonce is still 16 bytes of its own, never handed out twice.
const NONCE_BYTES = 16;
let noncePool = new Uint8Array(0);
let nonceOffset = 0;

/** 128 random bits, base64: a fresh one for every request (Web Crypto, as in Node 20 and the proxy). */
export function generateNonce(): string {
  if (nonceOffset + NONCE_BYTES > noncePool.length) {
    noncePool = crypto.getRandomValues(new Uint8Array(NONCE_BYTES * 256));
    nonceOffset = 0;
  }
  const bytes = noncePool.subarray(nonceOffset, (nonceOffset += NONCE_BYTES));
  return btoa(String.fromCharCode(...bytes));
}

export type CspOptions = {
  nonce: string;
  /** `next dev`: React rebuilds server error stacks with `eval`. */
  development: boolean;
  /** Production over https only: on plain http (localhost, the e2e tests) it would break every asset. */
  upgradeInsecureRequests: boolean;
  /** Who may frame the response: `'none'` except for the embeds (lib/security/framing.ts). */
  frameAncestors?: string;
};

/**
 * The Content-Security-Policy. Next reads the nonce from this header on the request and puts it
 * on its own scripts; `'strict-dynamic'` lets those scripts load the page's chunks, and every
 * other script (injected markup, `javascript:` URLs, inline handlers) is refused. Styles allow
 * `'unsafe-inline'` because React renders `style` attributes.
 */
export function contentSecurityPolicy({
  nonce,
  development,
  upgradeInsecureRequests,
  frameAncestors = "'none'",
}: CspOptions): string {
  if (!isValidNonce(nonce)) throw new Error("invalid CSP nonce");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Markdown turns images from other sites into links (no tracking pixels), so 'self' suffices.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ];
  if (upgradeInsecureRequests) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** First value of a header that proxies may send as a comma-separated list. */
function firstValue(value: string | null | undefined): string | null {
  const first = value?.split(",")[0]?.trim();
  return first ? first : null;
}

/** Whether the request reached us (or the TLS-terminating proxy in front of us) over https. */
export function isHttpsRequest(headers: Headers, url: URL): boolean {
  const forwarded = firstValue(headers.get("x-forwarded-proto"));
  return (forwarded ?? url.protocol.replace(/:$/, "")).toLowerCase() === "https";
}

export type SecurityHeaderOptions = {
  nonce: string;
  /** `process.env.NODE_ENV`. */
  nodeEnv: string | undefined;
  https: boolean;
  /** `frameAncestorsFor(pathname, …)`; refused when not given. */
  frameAncestors?: string;
};

/**
 * Every security header for one response, including the nonce-bearing CSP. A response that may
 * be framed goes without `X-Frame-Options`, which can only say DENY or SAMEORIGIN.
 */
export function securityHeaders({
  nonce,
  nodeEnv,
  https,
  frameAncestors = "'none'",
}: SecurityHeaderOptions): Record<string, string> {
  const secureProduction = nodeEnv === "production" && https;
  const { "X-Frame-Options": frameOptions, ...otherStatic } = STATIC_SECURITY_HEADERS;
  return {
    "Content-Security-Policy": contentSecurityPolicy({
      nonce,
      development: nodeEnv === "development",
      upgradeInsecureRequests: secureProduction,
      frameAncestors,
    }),
    ...otherStatic,
    ...(frameAncestors === "'none'" ? { "X-Frame-Options": frameOptions } : {}),
    ...(secureProduction ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function parseOrigin(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** `Example.org:443` under https: is `example.org`, as in a parsed `Origin`; null if it is no host. */
function normaliseHost(host: string, protocol: string): string | null {
  try {
    const url = new URL(`${protocol}//${host}`);
    return url.pathname === "/" && !url.search && !url.hash && !url.username ? url.host : null;
  } catch {
    return null;
  }
}

export type CrossSiteCheck = {
  method: string;
  headers: Headers;
  url: URL;
  /** `process.env.SITE_URL`: the public origin, when the operator sets it. */
  siteUrl?: string;
};

/**
 * True when a state-changing request (not GET, HEAD or OPTIONS) carries an `Origin` that is
 * not this site. Requests without `Origin` (curl, server-to-server) are left to Next's own
 * checks. This site is:
 * - `SITE_URL`'s origin, when set;
 * - the host the request came in on (`X-Forwarded-Host`, else `Host`) with the scheme it came
 *   in on (`X-Forwarded-Proto`, else the URL's). Forwarded headers are fine here, unlike for
 *   links (decision 032): a cross-site page cannot make a browser send them. An `https`
 *   page on that same host is also accepted: behind a TLS-terminating proxy that sends no
 *   `X-Forwarded-Proto` the request looks like plain http while the browser is on https. The
 *   reverse (an `http` page posting to an https site) is refused.
 * `Origin: null` (sandboxed frames, cross-site redirects) is never this site.
 */
export function isCrossSiteRequest({ method, headers, url, siteUrl }: CrossSiteCheck): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const originHeader = headers.get("origin");
  if (originHeader === null) return false;
  const origin = parseOrigin(originHeader.trim());
  if (!origin) return true;

  if (siteUrl) {
    const site = parseOrigin(siteUrl.trim());
    if (site && site.origin === origin.origin) return false;
  }

  const host = firstValue(headers.get("x-forwarded-host")) ?? firstValue(headers.get("host")) ?? url.host;
  if (origin.host !== normaliseHost(host, origin.protocol)) return true;
  const requestScheme = isHttpsRequest(headers, url) ? "https:" : "http:";
  return !(origin.protocol === requestScheme || origin.protocol === "https:");
}
