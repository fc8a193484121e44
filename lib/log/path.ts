/*
 * The path of a request as it may appear in a log line: without the query string (search words,
 * cursors) and without the tokens that links from mail carry in their path (password reset,
 * address confirmation, unsubscribe), which would let whoever reads the logs use them.
 */
const SECRET_PATHS = /^\/(reset-password|verify-email|unsubscribe)\/[^/]+/;

export function loggablePath(url: string): string {
  return url.split("?", 1)[0].replace(SECRET_PATHS, "/$1/[token]");
}
