import { describe, expect, it } from "vitest";
import {
  createPageCache,
  isPageCacheable,
  notModified,
  pageCacheKey,
  renderStoredPage,
  storedPage,
} from "./index";
import { createLimiter } from "./limiter";

const NONCE = "AAAAAAAAAAAAAAAAAAAAAA==";
const csp = (nonce: string) => `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`;
const html = (nonce: string) =>
  `<html><script nonce="${nonce}">1</script><p>é</p><script nonce="${nonce}" src="/a.js"></script></html>`;

function page(renderedAt = 10) {
  return storedPage(
    200,
    {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": csp(NONCE),
      "x-request-id": "r1",
      date: "x",
    },
    Buffer.from(html(NONCE)),
    renderedAt,
    0,
  )!;
}

describe("which requests the page cache answers", () => {
  const request = (url: string, headers: Record<string, string> = {}, method = "GET") => ({
    method,
    url,
    headers,
  });

  it("takes visitors' reads of public pages", () => {
    for (const url of [
      "/",
      "/stories?q=plan",
      "/stories/a-story",
      "/starting-points",
      "/starting-points/improving-work-practice",
      "/stories/feed.xml",
      "/api/v1/stories?limit=5",
      "/embed/model?lang=nl",
      "/oembed?url=x",
      "/starting-points/triggers",
    ]) {
      expect(isPageCacheable(request(url)), url).toBe(true);
    }
    expect(isPageCacheable(request("/stories/a-story", {}, "HEAD"))).toBe(true);
  });

  it("never a member's request, a write, or a page that is personal or a form", () => {
    expect(isPageCacheable(request("/", { cookie: "NEXT_LOCALE=nl; authjs.session-token=abc" }))).toBe(false);
    expect(isPageCacheable(request("/", { cookie: "__Secure-authjs.session-token.0=abc" }))).toBe(false);
    expect(isPageCacheable(request("/stories/a-story", {}, "POST"))).toBe(false);
    expect(isPageCacheable(request("/stories/a-story", { "next-action": "abc" }))).toBe(false);
    expect(isPageCacheable(request("/api/v1/stories", { authorization: "Bearer x" }))).toBe(false);
    for (const url of [
      "/stories/new",
      "/stories/a/edit",
      "/signin",
      "/settings",
      "/notifications",
      "/admin",
      "/moderation",
      "/api/auth/session",
      "/api/health",
      "/starting-points/proposals",
      "/report/comment",
    ]) {
      expect(isPageCacheable(request(url)), url).toBe(false);
    }
  });

  it("keys by address, language and the headers the answer depends on", () => {
    const base = pageCacheKey(request("/stories"), "en");
    expect(pageCacheKey(request("/stories", { cookie: "x=1", "user-agent": "other" }), "en")).toBe(base);
    expect(pageCacheKey(request("/stories"), "nl")).not.toBe(base);
    expect(pageCacheKey(request("/stories?q=a"), "en")).not.toBe(base);
    expect(pageCacheKey(request("/stories", { rsc: "1" }), "en")).not.toBe(base);
    expect(pageCacheKey(request("/stories", { "x-forwarded-host": "evil.example" }), "en")).not.toBe(base);
  });
});

describe("stored pages", () => {
  it("answer with a fresh nonce in the body and the CSP, and keep no per-answer headers", () => {
    const stored = page();
    const answer = renderStoredPage(stored, "BBBBBBBBBBBBBBBBBBBBBB==");
    expect(answer.body.toString("utf8")).toBe(html("BBBBBBBBBBBBBBBBBBBBBB=="));
    const headers = Object.fromEntries(answer.headers);
    expect(headers["content-security-policy"]).toBe(csp("BBBBBBBBBBBBBBBBBBBBBB=="));
    expect(headers["x-request-id"]).toBeUndefined();
    expect(headers.date).toBeUndefined();
  });

  it("are not kept when the answer is not a plain 200 for everyone", () => {
    const body = Buffer.from("x");
    expect(storedPage(404, { "content-type": "text/html" }, body, 1)).toBeNull();
    expect(storedPage(200, { "content-type": "text/html", "set-cookie": ["a=b"] }, body, 1)).toBeNull();
    expect(storedPage(200, { "content-type": "text/html", "content-encoding": "gzip" }, body, 1)).toBeNull();
    expect(storedPage(200, { "content-type": "image/gif" }, body, 1)).toBeNull();
    // Share images are kept, their bytes untouched.
    expect(
      storedPage(
        200,
        { "content-type": "image/png", "content-security-policy": csp(NONCE) },
        Buffer.from(NONCE),
        1,
      )?.parts,
    ).toEqual([Buffer.from(NONCE)]);
    expect(storedPage(200, { "content-type": "application/json" }, body, 1)).not.toBeNull();
  });
});

describe("conditional requests", () => {
  it("answer 304 when the client has the stored copy", () => {
    const stored = storedPage(
      200,
      { "content-type": "application/json", etag: 'W/"abc"' },
      Buffer.from("{}"),
      1,
    )!;
    expect(notModified(stored, 'W/"abc"')).toBe(true);
    expect(notModified(stored, '"x", "abc"')).toBe(true);
    expect(notModified(stored, "*")).toBe(true);
    expect(notModified(stored, '"other"')).toBe(false);
    expect(notModified(stored, undefined)).toBe(false);
    expect(notModified(page(), '"abc"')).toBe(false);
  });
});

describe("the page cache", () => {
  it("drops every page rendered before the latest invalidation of any tag", () => {
    let latest = 0;
    const cache = createPageCache({
      maxBytes: 1_000_000,
      ttlMs: 60_000,
      latestInvalidation: () => latest,
      now: () => 0,
    });
    cache.store("a", page(10));
    expect(cache.lookup("a")?.page).toBeDefined();
    latest = 10;
    expect(cache.lookup("a")).toBeUndefined();
    // A render that started before a write is never stored.
    cache.store("a", page(9));
    expect(cache.lookup("a")).toBeUndefined();
    cache.store("a", page(11));
    expect(cache.lookup("a")).toBeDefined();
  });

  it("lets one request renew an old page while the others still get it", () => {
    let time = 0;
    const cache = createPageCache({
      maxBytes: 1_000_000,
      ttlMs: 1_000,
      latestInvalidation: () => 0,
      now: () => time,
    });
    cache.store("a", page());
    time = 2_000;
    expect(cache.lookup("a")?.renew).toBe(true);
    const flight = cache.rendering("a");
    expect(cache.lookup("a")?.renew).toBe(false);
    flight.done();
    expect(cache.lookup("a")?.renew).toBe(true);
  });

  it("keeps within its size, dropping the least recently used", () => {
    const one = page();
    const cache = createPageCache({ maxBytes: one.size * 2, ttlMs: 60_000, latestInvalidation: () => 0 });
    cache.store("a", page());
    cache.store("b", page());
    cache.lookup("a");
    cache.store("c", page());
    expect(cache.lookup("b")).toBeUndefined();
    expect(cache.lookup("a")).toBeDefined();
    expect(cache.lookup("c")).toBeDefined();
    expect(cache.size).toBeLessThanOrEqual(one.size * 2);
  });

  it("lets visitors wait for a render of the same page under way", async () => {
    const cache = createPageCache({ maxBytes: 1_000_000, ttlMs: 60_000, latestInvalidation: () => 0 });
    expect(await cache.waitForRender("a", 1_000)).toBe(false);
    const flight = cache.rendering("a");
    const waited = cache.waitForRender("a", 5_000);
    cache.store("a", page());
    flight.done();
    expect(await waited).toBe(true);
    expect(cache.lookup("a")).toBeDefined();
  });
});

describe("the render limiter", () => {
  it("lets `limit` through at once and the rest in order", async () => {
    const limiter = createLimiter(2);
    const order: number[] = [];
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    const third = limiter.acquire().then((release) => (order.push(3), release));
    const fourth = limiter.acquire().then((release) => (order.push(4), release));
    expect(limiter.waiting).toBe(2);
    first();
    first();
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect(limiter.active).toBe(0);
  });

  it("lets prefetches wait behind pages someone is waiting for", async () => {
    const limiter = createLimiter(1);
    const order: string[] = [];
    const first = await limiter.acquire();
    const prefetch = limiter
      .acquire({ background: true })
      .then((release) => (order.push("prefetch"), release));
    const page = limiter.acquire().then((release) => (order.push("page"), release));
    first();
    (await page)();
    (await prefetch)();
    expect(order).toEqual(["page", "prefetch"]);
  });
});
