/**
 * Which pages other sites may show in a frame. Only the embeds are meant to be framed (decision
 * 025); every other page refuses, so nobody can overlay a form of ours on their own site
 * (clickjacking). Pure, without Node APIs: proxy.ts and next.config.ts import it.
 */

/** The embeds: `/embed/model`, `/embed/stories/<slug>`. */
const FRAMEABLE = /^\/embed\//;

/** The same, as a `headers()` source in next.config.ts: every path that is not an embed. */
export const NOT_FRAMEABLE_SOURCE = "/:path((?!embed/).*)";

export function isFrameablePath(pathname: string): boolean {
  return FRAMEABLE.test(pathname);
}

// A host source as CSP writes it: a scheme, an optional `*.` wildcard label, a host, an optional port.
const HOST_SOURCE = /^https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?$/i;

/**
 * The `frame-ancestors` sources for the embeds, from `EMBED_FRAME_ANCESTORS`: unset or empty is
 * `*` (any site); otherwise the origins it lists (space- or comma-separated, `'self'` and `*`
 * allowed). One entry that is not an origin makes the embeds refuse frames like every other
 * page: a typo shows at once and never widens what may frame them, nor adds a directive.
 */
export function embedFrameAncestors(configured: string | undefined): string {
  const entries = (configured ?? "").split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return "*";
  const valid = entries.every((entry) => entry === "*" || entry === "'self'" || HOST_SOURCE.test(entry));
  return valid ? entries.join(" ") : "'none'";
}

/** The `frame-ancestors` value for a response to this path. */
export function frameAncestorsFor(pathname: string, configured: string | undefined): string {
  return isFrameablePath(pathname) ? embedFrameAncestors(configured) : "'none'";
}
