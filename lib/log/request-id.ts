import { randomUUID } from "node:crypto";

/*
 * Request ids, for the server script (scripts/server.ts). An id a proxy in front already gave
 * the request is kept, so one id follows the request through every log, but only when it is a
 * short plain token: it ends up in log lines, response headers and HTML.
 */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isSafeRequestId(value: unknown): value is string {
  return typeof value === "string" && SAFE_ID.test(value);
}

/** The incoming `X-Request-Id` when it is safe, otherwise a new random UUID. */
export function requestIdFor(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return isSafeRequestId(value) ? value : randomUUID();
}
