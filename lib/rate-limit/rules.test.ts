import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import {
  RATE_LIMIT_RETENTION_SECONDS,
  RATE_RULES,
  rateRule,
  signInDelaySeconds,
  signInKeyKind,
  signInRule,
  waitParts,
} from "./rules";

describe("rules", () => {
  it("take their limits from the environment, which must hold a positive integer", () => {
    expect(rateRule("signUpPerIp", parseEnv({}))).toEqual({ limit: 5, windowSeconds: 3600 });
    expect(rateRule("signUpPerIp", parseEnv({ RATE_LIMIT_SIGN_UP_PER_IP: "1000" }))).toEqual({
      limit: 1000,
      windowSeconds: 3600,
    });
    expect(rateRule("signUpPerIp", parseEnv({ RATE_LIMIT_SIGN_UP_PER_IP: "" })).limit).toBe(5);
    for (const bad of ["0", "-3", "1.5", "lots"]) {
      expect(() => parseEnv({ RATE_LIMIT_SIGN_UP_PER_IP: bad })).toThrow(
        /RATE_LIMIT_SIGN_UP_PER_IP must be a whole number, 1 or more/,
      );
    }
    expect(signInRule("ip", parseEnv({ RATE_LIMIT_SIGN_IN_FAILURES_PER_IP: "40" })).freeFailures).toBe(40);
    expect(signInRule("account", parseEnv({ RATE_LIMIT_SIGN_IN_FAILURES_PER_IP: "40" })).freeFailures).toBe(
      5,
    );
  });

  it("have windows that pruning never cuts short", () => {
    for (const rule of Object.values(RATE_RULES))
      expect(rule.windowSeconds).toBeLessThanOrEqual(RATE_LIMIT_RETENTION_SECONDS / 2);
    expect(new Set(Object.values(RATE_RULES).map((rule) => rule.env)).size).toBe(
      Object.keys(RATE_RULES).length,
    );
  });

  it("grow the sign-in delay from the sixth failure, up to 15 minutes", () => {
    const rule = signInRule("account", parseEnv({}));
    expect([0, 4, 5, 6, 7, 14, 15, 100].map((failures) => signInDelaySeconds(failures, rule))).toEqual([
      0, 0, 1, 2, 4, 512, 900, 900,
    ]);
    expect(signInKeyKind("ip:203.0.113.9")).toBe("ip");
    expect(signInKeyKind("account:someone@example.org")).toBe("account");
  });

  it("say the wait in a unit that reads well", () => {
    expect(waitParts(0.2)).toEqual({ unit: "seconds", count: 1 });
    expect(waitParts(59)).toEqual({ unit: "seconds", count: 59 });
    expect(waitParts(60)).toEqual({ unit: "minutes", count: 1 });
    expect(waitParts(170)).toEqual({ unit: "minutes", count: 3 });
    expect(waitParts(3600)).toEqual({ unit: "hours", count: 1 });
    expect(waitParts(20 * 3600 + 1)).toEqual({ unit: "hours", count: 21 });
  });
});
