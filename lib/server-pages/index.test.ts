import { describe, expect, it } from "vitest";
import {
  badEncodingText,
  formatBytes,
  methodNotAllowedJson,
  pickLocale,
  tooLargeJson,
  tooLargePage,
  unavailableJson,
  unavailablePage,
} from "./index";

describe("the server's own pages", () => {
  it("picks the language like the app: the cookie, then Accept-Language, then English", () => {
    expect(pickLocale("a=b; NEXT_LOCALE=nl", "en")).toBe("nl");
    expect(pickLocale("NEXT_LOCALE=de", "nl-BE,nl;q=0.9")).toBe("nl");
    expect(pickLocale(undefined, "fr")).toBe("en");
  });

  it("says 'back shortly' with 503, Retry-After, no caching, a strict CSP and the request id", () => {
    const page = unavailablePage({ locale: "nl", requestId: "req-1", url: "/stories?q=a&b=c" });
    expect(page.status).toBe(503);
    expect(page.headers).toMatchObject({
      "Retry-After": "5",
      "Cache-Control": "no-store",
      "Content-Type": "text/html; charset=utf-8",
    });
    expect(page.headers["Content-Security-Policy"]).toMatch(/^default-src 'none'/);
    expect(page.body).toContain('<html lang="nl">');
    expect(page.body).toContain("<h1>We zijn zo terug</h1>");
    expect(page.body).toContain('<a href="/stories?q=a&#38;b=c">Opnieuw proberen</a>');
    expect(page.body).toContain("Referentie: req-1");
    expect(page.body).not.toMatch(/<script/i);
  });

  it("links 'Try again' only to a path on this site", () => {
    for (const url of [
      "//evil.example/x",
      "/\\evil.example",
      "https://evil.example/",
      "/\t/evil.example",
      undefined,
    ]) {
      expect(unavailablePage({ locale: "en", requestId: "r", url }).body).toContain(
        '<a href="/">Try again</a>',
      );
    }
  });

  it("escapes what it repeats from the request", () => {
    const page = tooLargePage({
      locale: "en",
      requestId: "r",
      url: '/a"><script>alert(1)</script>',
      limitBytes: 1024 * 1024,
    });
    expect(page.body).not.toContain("<script>");
    expect(page.body).toContain("1 MB");
    expect(page.status).toBe(413);
  });

  it("answers the API in JSON with the request id", () => {
    expect(JSON.parse(unavailableJson("r1").body)).toEqual({ error: expect.any(String), requestId: "r1" });
    expect(JSON.parse(tooLargeJson("r2", 10).body)).toEqual({
      error: expect.stringContaining("10 bytes"),
      requestId: "r2",
    });
  });

  it("writes limits as a person reads them", () => {
    expect(formatBytes(1024 * 1024)).toBe("1 MB");
    expect(formatBytes(2.5 * 1024 * 1024)).toBe("2.5 MB");
    expect(formatBytes(64 * 1024)).toBe("64 KB");
    expect(formatBytes(1500)).toBe("1500 bytes");
  });
});

describe("the server's answers without a page", () => {
  it.each([
    ["a broken address", badEncodingText("req-1"), "text/plain"],
    [
      "a method the API does not answer",
      methodNotAllowedJson("req-2", "TRACE", "GET, HEAD, POST, OPTIONS"),
      "application/json",
    ],
  ])("%s carries the security headers and a CSP that loads nothing", (_name, page, type) => {
    expect(page.headers["Content-Type"]).toContain(type);
    expect(page.headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(page.headers["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(page.headers["Cache-Control"]).toBe("no-store");
    expect(page.body).toContain("req-");
  });
});
