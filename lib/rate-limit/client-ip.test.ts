import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { clientIpFrom, normaliseAddress } from "./client-ip";
import { clientAddress, pinForwardedFor } from "./forwarded-for";

describe("client address", () => {
  // scripts/server.ts pins X-Forwarded-For to one address before Next sees the request.
  const pinned = (
    forwardedFor: string | string[] | undefined,
    socket: string | undefined,
    trustProxy: number,
  ) => {
    const req = {
      headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
      socket: { remoteAddress: socket },
    };
    pinForwardedFor(req, trustProxy);
    return {
      header: req.headers["x-forwarded-for"],
      ip: clientIpFrom(new Headers(req.headers as Record<string, string>)),
    };
  };

  it("without TRUST_PROXY is the connection's address, whatever X-Forwarded-For a client sends", () => {
    const trustProxy = parseEnv({}).TRUST_PROXY;
    expect(trustProxy).toBe(0);
    expect(pinned("6.6.6.6", "203.0.113.9", trustProxy)).toEqual({
      header: "203.0.113.9",
      ip: "203.0.113.9",
    });
    expect(pinned("6.6.6.6, 7.7.7.7", "::ffff:203.0.113.9", trustProxy)).toEqual({
      header: "::ffff:203.0.113.9",
      ip: "203.0.113.9",
    });
    expect(pinned(["6.6.6.6", "7.7.7.7"], "203.0.113.9", trustProxy).ip).toBe("203.0.113.9");
    expect(pinned(undefined, "203.0.113.9", trustProxy).ip).toBe("203.0.113.9");
    expect(pinned("6.6.6.6", undefined, trustProxy)).toEqual({ header: undefined, ip: "unknown" });
  });

  it("with TRUST_PROXY=n takes the n-th entry from the end: what the first trusted proxy saw", () => {
    // nginx appends the address it saw; the client's own entries stay on the left.
    expect(pinned("203.0.113.9", "10.0.0.2", 1).ip).toBe("203.0.113.9");
    expect(pinned("6.6.6.6, 1.2.3.4, 203.0.113.9", "10.0.0.2", 1)).toEqual({
      header: "203.0.113.9",
      ip: "203.0.113.9",
    });
    expect(pinned("6.6.6.6, 203.0.113.9, 10.0.0.1", "10.0.0.2", 2).ip).toBe("203.0.113.9");
    // Fewer entries than proxies: the request did not come through them all.
    expect(pinned("6.6.6.6", "198.51.100.4", 2).ip).toBe("198.51.100.4");
    expect(pinned(undefined, "198.51.100.4", 1).ip).toBe("198.51.100.4");
    expect(clientAddress(" 6.6.6.6 ,203.0.113.9 ", "10.0.0.2", 1)).toBe("203.0.113.9");
  });

  it("reads TRUST_PROXY as a whole number from 0", () => {
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "" }).TRUST_PROXY).toBe(0);
    for (const bad of ["-1", "yes", "1.5"])
      expect(() => parseEnv({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be a whole number/);
  });

  it("normalises addresses and counts IPv6 per /64", () => {
    expect(normaliseAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(normaliseAddress("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normaliseAddress("2001:DB8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(normaliseAddress("2001:db8:1:2::ff")).toBe(normaliseAddress("2001:db8:1:2:aaaa::1"));
    expect(normaliseAddress("::1")).toBe("0:0:0:0::/64");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(normaliseAddress("not an address")).toBe("unknown");
  });
});
