import Ajv2020 from "ajv/dist/2020";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { rateLimits, signInFailures } from "@/db/schema";
import { GET as getStartingPoints } from "@/app/api/v1/starting-points/route";
import { GET as listStories } from "@/app/api/v1/stories/route";
import { openApiDocument } from "@/lib/api/openapi";
import { clearSignInFailures, hit, pruneRateLimits, signInAllowed } from "@/lib/rate-limit/limits";
import { beginSignInAttempt, SignInThrottled } from "@/lib/rate-limit/sign-in";

// next-auth's entry point imports `next/server`, which plain Node cannot resolve outside Next;
// its error classes are @auth/core's, re-exported unchanged.
vi.mock("next-auth", async () => {
  const errors = await import("@auth/core/errors");
  return { AuthError: errors.AuthError, CredentialsSignin: errors.CredentialsSignin };
});

// Only Date is faked: PGlite and drizzle keep their real timers.
const useClock = (iso: string) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
};
const advance = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));

afterEach(() => {
  vi.useRealTimers();
  delete process.env.RATE_LIMIT_API_PER_IP;
  delete process.env.RATE_LIMIT_SIGN_IN_FAILURES_PER_IP;
});

let unique = 0;
const key = (name: string) => `${name}-${++unique}`;

describe("fixed windows", () => {
  it("counts hits in a window, refuses over the limit until the window ends, then starts over", async () => {
    useClock("2027-03-01T10:00:10Z"); // 10 seconds into a one-minute window
    const k = key("window");
    const rule = { limit: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) expect(await hit(k, rule)).toEqual({ ok: true });
    expect(await hit(k, rule)).toEqual({ ok: false, retryAfterSeconds: 50 });
    advance(45);
    expect(await hit(k, rule)).toEqual({ ok: false, retryAfterSeconds: 5 });
    // Another key is counted on its own.
    expect(await hit(key("other"), rule)).toEqual({ ok: true });

    advance(5); // 10:01:00, a new window
    expect(await hit(k, rule)).toEqual({ ok: true });
    const db = await getDb();
    const rows = await db
      .select()
      .from(rateLimits)
      .where(sql`${rateLimits.key} = ${k}`)
      .orderBy(rateLimits.windowStart);
    expect(rows.map((row) => [row.windowStart.toISOString(), row.hits])).toEqual([
      ["2027-03-01T10:00:00.000Z", 5],
      ["2027-03-01T10:01:00.000Z", 1],
    ]);
  });

  it("never lets parallel hits past the limit", async () => {
    const k = key("parallel");
    const results = await Promise.all(
      Array.from({ length: 20 }, () => hit(k, { limit: 7, windowSeconds: 3600 })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(7);
    expect(results.filter((result) => !result.ok)).toHaveLength(13);
  });

  it("deletes windows that ended long ago and sign-in failures that no longer count", async () => {
    const db = await getDb();
    const now = Date.parse("2027-03-10T12:00:00Z");
    const old = key("old");
    const recent = key("recent");
    await db.insert(rateLimits).values([
      { key: old, windowStart: new Date(now - 3 * 86_400_000), hits: 4 },
      { key: recent, windowStart: new Date(now - 3_600_000), hits: 4 },
    ]);
    await db.insert(signInFailures).values([
      { key: `account:${old}@example.org`, failures: 9, lastFailureAt: new Date(now - 2 * 86_400_000) },
      { key: `account:${recent}@example.org`, failures: 9, lastFailureAt: new Date(now - 60_000) },
    ]);
    await pruneRateLimits(now);
    const limitKeys = (await db.select({ key: rateLimits.key }).from(rateLimits)).map((row) => row.key);
    expect(limitKeys).toContain(recent);
    expect(limitKeys).not.toContain(old);
    const failureKeys = (await db.select({ key: signInFailures.key }).from(signInFailures)).map(
      (row) => row.key,
    );
    expect(failureKeys).toContain(`account:${recent}@example.org`);
    expect(failureKeys).not.toContain(`account:${old}@example.org`);
  });
});

describe("sign-in delay", () => {
  it("lets five failures through, then waits 1, 2, 4 … seconds after the last one", async () => {
    useClock("2027-03-02T09:00:00Z");
    const keys = [`account:${key("grow")}@example.org`, `ip:198.51.100.${unique}`];
    for (let i = 0; i < 5; i++) expect(await signInAllowed(keys)).toEqual({ ok: true });
    expect(await signInAllowed(keys)).toEqual({ ok: false, retryAfterSeconds: 1 });
    advance(1);
    expect(await signInAllowed(keys)).toEqual({ ok: true }); // the 6th failure
    expect(await signInAllowed(keys)).toEqual({ ok: false, retryAfterSeconds: 2 });
    advance(2);
    expect(await signInAllowed(keys)).toEqual({ ok: true }); // the 7th
    expect(await signInAllowed(keys)).toEqual({ ok: false, retryAfterSeconds: 4 });
    advance(3);
    expect(await signInAllowed(keys)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("waits at most 15 minutes", async () => {
    useClock("2027-03-02T10:00:00Z");
    const account = `account:${key("cap")}@example.org`;
    const db = await getDb();
    await db.insert(signInFailures).values({ key: account, failures: 40, lastFailureAt: new Date() });
    expect(await signInAllowed([account])).toEqual({ ok: false, retryAfterSeconds: 900 });
    advance(900);
    expect(await signInAllowed([account])).toEqual({ ok: true });
  });

  it("counts parallel attempts one after another, so a burst gets no more than the free five", async () => {
    useClock("2027-03-02T11:00:00Z");
    const keys = [`account:${key("burst")}@example.org`, `ip:198.51.100.${unique}`];
    const results = await Promise.all(Array.from({ length: 20 }, () => signInAllowed(keys)));
    expect(results.filter((result) => result.ok)).toHaveLength(5);
  });

  it("clears the account on success; the address gets the attempt back and decays after an hour", async () => {
    useClock("2027-03-02T12:00:00Z");
    const account = `account:${key("clear")}@example.org`;
    const ip = `ip:198.51.100.${unique}`;
    for (let i = 0; i < 5; i++) await signInAllowed([account, ip]);
    expect((await signInAllowed([account, ip])).ok).toBe(false);

    // Right password on the 7th try, a second later.
    advance(1);
    expect(await signInAllowed([account, ip])).toEqual({ ok: true });
    await clearSignInFailures(account, [ip]);
    const db = await getDb();
    const rows = await db
      .select()
      .from(signInFailures)
      .where(sql`${signInFailures.key} in (${account}, ${ip})`);
    expect(rows.map((row) => [row.key, row.failures])).toEqual([[ip, 5]]);

    // The account starts over (from another address); the address still waits, for anyone.
    expect(await signInAllowed([account, "ip:192.0.2.1"])).toEqual({ ok: true });
    expect((await signInAllowed([`account:${key("neighbour")}@example.org`, ip])).ok).toBe(false);
    advance(3600);
    expect(await signInAllowed([`account:${key("later")}@example.org`, ip])).toEqual({ ok: true });
  });

  it("reads free failures per address from the environment", async () => {
    process.env.RATE_LIMIT_SIGN_IN_FAILURES_PER_IP = "50";
    useClock("2027-03-02T13:00:00Z");
    const ip = `ip:198.51.100.${++unique}`;
    for (let i = 0; i < 10; i++)
      expect(await signInAllowed([`account:${key("spread")}@example.org`, ip])).toEqual({ ok: true });
  });

  it("wraps authorize: the email is lower-cased, the address comes from X-Forwarded-For, and the wait is an AuthError", async () => {
    useClock("2027-03-02T14:00:00Z");
    const email = `${key("Authorize")}@Example.org`;
    const request = new Request("http://localhost/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": "203.0.113.77" },
    });
    for (let i = 0; i < 5; i++) await beginSignInAttempt({ email, password: "wrong" }, request);
    const error = await beginSignInAttempt({ email, password: "wrong" }, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInThrottled);
    expect(error).toBeInstanceOf((await import("next-auth")).AuthError);
    expect((error as SignInThrottled).retryAfterSeconds).toBe(1);

    const db = await getDb();
    const rows = await db
      .select()
      .from(signInFailures)
      .where(sql`${signInFailures.key} in (${`account:${email.toLowerCase()}`}, 'ip:203.0.113.77')`);
    expect(rows).toHaveLength(2);

    // Success takes the attempt back: the account row goes.
    advance(1);
    const attempt = await beginSignInAttempt({ email, password: "right" }, request);
    await attempt.succeeded();
    const after = await db
      .select()
      .from(signInFailures)
      .where(sql`${signInFailures.key} = ${`account:${email.toLowerCase()}`}`);
    expect(after).toHaveLength(0);
  });
});

describe("read API", () => {
  const document = openApiDocument("https://vertrekpunt.test") as {
    components: { schemas: Record<string, object> };
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const [id, schema] of Object.entries(document.components.schemas))
    ajv.addSchema(schema, `#/components/schemas/${id}`);
  const get = (path: string, address: string) =>
    new Request(`https://vertrekpunt.test/api/v1${path}`, { headers: { "x-forwarded-for": address } });

  it("answers 429 with Retry-After and the error shape once an address is over its limit", async () => {
    process.env.RATE_LIMIT_API_PER_IP = "3";
    useClock("2027-03-03T08:00:20Z");
    for (let i = 0; i < 3; i++)
      expect((await getStartingPoints(get("/starting-points", "203.0.113.5"))).status).toBe(200);

    const response = await listStories(get("/stories", "203.0.113.5"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("40");
    expect(response.headers.get("access-control-expose-headers")).toContain("Retry-After");
    const body = await response.json();
    expect(body.error.code).toBe("too_many_requests");
    const validate = ajv.getSchema("#/components/schemas/Error")!;
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);

    // Another address, and the same address in the next window, are fine.
    expect((await getStartingPoints(get("/starting-points", "203.0.113.6"))).status).toBe(200);
    advance(40);
    expect((await getStartingPoints(get("/starting-points", "203.0.113.5"))).status).toBe(200);
  });

  it("documents the 429 for every endpoint", () => {
    const paths = (
      openApiDocument("https://vertrekpunt.test") as {
        paths: Record<string, { get: { responses: Record<string, unknown> } }>;
      }
    ).paths;
    for (const path of Object.values(paths)) expect(path.get.responses).toHaveProperty("429");
  });
});
