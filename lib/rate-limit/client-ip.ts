import { isIP } from "node:net";
import { headers } from "next/headers";

/*
 * The address a per-address limit counts against. Server actions and route handlers do not see
 * the connection, only headers; `next start` puts the connection's address into
 * X-Forwarded-For when a request arrives without one, and keeps the header as it is when it
 * is there. A proxy that appends to the header (nginx `$proxy_add_x_forwarded_for`) adds the
 * address it saw at the end, so the trustworthy entry is counted from the right:
 *
 * - TRUST_PROXY unset, 0 or 1: the last entry (the connection, or the one proxy's view of it);
 * - TRUST_PROXY=n: the n-th entry from the end, for n proxies in a row (a CDN and a load balancer: 2).
 *
 * Entries further left are whatever the client sent and are never used. Served without a proxy,
 * a client can send its own X-Forwarded-For; production belongs behind one.
 */

/** The client's address as a rate-limit subject: IPv4, an IPv6 /64 prefix, or "unknown". */
export function clientIpFrom(requestHeaders: Headers, trustProxy: string | undefined = process.env.TRUST_PROXY): string {
  const entries = (requestHeaders.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  const hops = Math.max(1, Number.parseInt(trustProxy ?? "", 10) || 0);
  return normaliseAddress(entries[Math.max(0, entries.length - hops)]);
}

/** The client's address for the current request (server actions, route handlers, pages). */
export async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}

export function normaliseAddress(raw: string): string {
  let address = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, "");
  if (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  const version = isIP(address);
  if (version === 4) return address;
  // One person usually holds a whole IPv6 /64: count the prefix, not each address in it.
  if (version === 6) return `${ipv6Prefix64(address)}::/64`;
  return "unknown";
}

function ipv6Prefix64(address: string): string {
  const [head, tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  // An embedded IPv4 address at the end takes two groups.
  const rightGroups = right.length + (right.at(-1)?.includes(".") ? 1 : 0);
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - rightGroups)).fill("0"), ...right];
  return groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":");
}
