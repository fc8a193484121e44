/*
 * What the server script (scripts/server.ts) does to every request before Next sees it
 * (decision 032): unsupported methods are refused, and the address is normalised the way
 * submitted form text is, so no query parameter, path segment or route parameter can carry a
 * byte PostgreSQL cannot store. Pure functions, so the rules can be tested without a server.
 */

/** The methods the app answers. Route handlers export nothing else; anything more gets 405. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "OPTIONS"] as const;

export function isAllowedMethod(method: string | undefined): boolean {
  return (ALLOWED_METHODS as readonly string[]).includes(method ?? "");
}

/**
 * The request's address with its text as lib/validation/form-data.ts stores form text: no NUL
 * (PostgreSQL text cannot hold it: `?q=%00` was a 500 on every page and API route that reads
 * a parameter) and line breaks as "\n". An address can carry these only percent-encoded (Node
 * refuses raw control bytes in the request line), and percent-decoding turns malformed UTF-8
 * into U+FFFD, so these are the only forms to handle. `%2500` stays: it is the text "%00".
 */
export function normaliseRequestUrl(url: string): string {
  let normalised = url;
  // Until none is left: dropping "%00" from "%%0000" leaves another one.
  while (/%0[0d]/i.test(normalised))
    normalised = normalised.replace(/%0d%0a|%0d/gi, "%0A").replace(/%00/g, "");
  return normalised;
}
