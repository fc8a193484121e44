import { isIP } from "node:net";
import { headers } from "next/headers";

/*
 * The address a per-address limit counts against. Server actions and route handlers do not see
 * the connection, only headers: scripts/server.ts replaces X-Forwarded-For with the one address
 * it decided on from the connection and TRUST_PROXY (lib/rate-limit/forwarded-for.ts), so the
 * last entry is that address. (`next dev`, without that server, fills the header with the
 * connection's address only when the client sent none.)
 */

/** The client's address as a rate-limit subject: IPv4, an IPv6 /64 prefix, or "unknown". */
export function clientIpFrom(requestHeaders: Headers): string {
  const last = (requestHeaders.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .at(-1);
  return last ? normaliseAddress(last) : "unknown";
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
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - rightGroups)).fill("0"), ...right];
  return groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":");
}
