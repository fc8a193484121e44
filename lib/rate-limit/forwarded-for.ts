import type { IncomingHttpHeaders } from "node:http";

/*
 * Which address a request comes from (decision 032). Server actions and route handlers see only
 * headers, so scripts/server.ts decides once, from the connection, and hands Next exactly one
 * X-Forwarded-For entry: the client's address. What a client sends in the header itself is
 * believed only as far as TRUST_PROXY says there are proxies in front, each appending the
 * address it saw (nginx `$proxy_add_x_forwarded_for`):
 *
 * - TRUST_PROXY 0 (the default): no proxy; the connection's address, whatever the header says.
 * - TRUST_PROXY n: the n-th entry from the end, which the first of n proxies appended. With fewer
 *   entries than that the request did not pass them all: the connection's address.
 *
 * Entries further left are whatever the client sent and are never used.
 */

function entries(forwardedFor: string | string[] | undefined): string[] {
  return [forwardedFor ?? []]
    .flat()
    .flatMap((value) => value.split(","))
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The client's address (as written, not normalised), or "" when there is none to go by. */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustProxy: number,
): string {
  const chain = entries(forwardedFor);
  if (trustProxy > 0 && chain.length >= trustProxy) return chain[chain.length - trustProxy];
  return socketAddress ?? "";
}

/** Replaces the request's X-Forwarded-For with the one address `clientAddress` decided on. */
export function pinForwardedFor(
  req: { headers: IncomingHttpHeaders; socket: { remoteAddress?: string } },
  trustProxy: number,
): void {
  const address = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustProxy);
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
}
