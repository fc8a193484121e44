/*
 * Where a request may send the browser next (after signing in, signing up, a sign-in link). The
 * target is decided the way the browser will read it: parsed as a URL against the site's origin
 * (the WHATWG parser drops tab, CR and LF, so "/\t/evil.example" is "//evil.example", another
 * host), then kept only when it stays on that origin, and then only as its path, query and hash.
 * Those come back percent-encoded by the parser, so no control or non-Latin-1 character can reach
 * a Location header. Anything else goes to "/". See docs/decisions/032.
 */

// Relative targets are resolved against this when no origin is given: only the comparison matters.
const PLACEHOLDER_ORIGIN = "http://vertrekpunt.invalid";

/** A same-site path (with query and hash) for `value`, or "/" when it would leave the site. */
export function safeCallbackUrl(value: unknown, origin: string = PLACEHOLDER_ORIGIN): string {
  if (typeof value !== "string" || value === "") return "/";
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    // Only paths are accepted as written; an absolute URL must name this origin exactly.
    target = new URL(value, base);
  } catch {
    return "/";
  }
  if (target.origin !== base.origin) return "/";
  // Only "/…" or the origin itself: "evil.example" (no slash) would resolve to a path too, but
  // nobody writes a destination that way except to probe.
  if (!value.startsWith("/") && !value.startsWith(`${base.origin}/`) && value !== base.origin) return "/";
  return `${target.pathname}${target.search}${target.hash}`;
}
