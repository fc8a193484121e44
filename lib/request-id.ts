import "server-only";
import { headers } from "next/headers";

/*
 * Every request gets an id from the server (scripts/server.ts): it is on the request headers
 * Next sees as `x-request-id`, on the response as `X-Request-Id`, and on every log line about
 * the request, so the reference a person quotes leads to the log lines.
 */
export const REQUEST_ID_HEADER = "x-request-id";

/** The current request's id, or null outside a request (start-up, background work). */
export async function currentRequestId(): Promise<string | null> {
  try {
    return (await headers()).get(REQUEST_ID_HEADER);
  } catch {
    return null;
  }
}
