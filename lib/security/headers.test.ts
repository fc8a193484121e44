import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  generateNonce,
  HSTS,
  isCrossSiteRequest,
  isHttpsRequest,
  isValidNonce,
  securityHeaders,
  STATIC_SECURITY_HEADERS,
} from "./headers";

const NONCE = "AAAAAAAAAAAAAAAAAAAAAA==";

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
}

describe("generateNonce", () => {
  it("gives 128 random bits in base64, different every time (also across refills of its pool)", () => {
    const nonces = new Set(Array.from({ length: 1000 }, generateNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(isValidNonce(nonce)).toBe(true);
    }
  });

  it("rejects values that could break out of the header or an attribute", () => {
    for (const bad of [
      "",
      "short",
      `${NONCE}'`,
      `${NONCE}"`,
      `${NONCE} 'unsafe-inline'`,
      `${NONCE};`,
      null,
      undefined,
    ]) {
      expect(isValidNonce(bad)).toBe(false);
    }
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts only with the nonce, and lists every directive", () => {
    const csp = contentSecurityPolicy({ nonce: NONCE, development: false, upgradeInsecureRequests: false });
    expect(Object.fromEntries(directives(csp))).toEqual({
      "default-src": "'self'",
      "script-src": `'self' 'nonce-${NONCE}' 'strict-dynamic'`,
      "style-src": "'self' 'unsafe-inline'",
      "img-src": "'self' data: blob:",
      "font-src": "'self'",
      "connect-src": "'self'",
      "object-src": "'none'",
      "base-uri": "'self'",
      "form-action": "'self'",
      "frame-ancestors": "'none'",
    });
    expect(directives(csp).get("script-src")).not.toContain("unsafe-inline");
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(
      directives(
        contentSecurityPolicy({ nonce: NONCE, development: true, upgradeInsecureRequests: false }),
      ).get("script-src"),
    ).toBe(`'self' 'nonce-${NONCE}' 'strict-dynamic' 'unsafe-eval'`);
  });

  it("adds upgrade-insecure-requests when asked", () => {
    const csp = contentSecurityPolicy({ nonce: NONCE, development: false, upgradeInsecureRequests: true });
    expect(directives(csp).has("upgrade-insecure-requests")).toBe(true);
  });

  it("refuses a nonce that is not base64", () => {
    expect(() =>
      contentSecurityPolicy({
        nonce: "x'; script-src *",
        development: false,
        upgradeInsecureRequests: false,
      }),
    ).toThrow();
  });
});

describe("securityHeaders", () => {
  it("sets the CSP and the static headers, without HSTS on plain http", () => {
    const headers = securityHeaders({ nonce: NONCE, nodeEnv: "production", https: false });
    expect(headers).toMatchObject(STATIC_SECURITY_HEADERS);
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Permissions-Policy"]).toBe(
      "camera=(), microphone=(), geolocation=(), browsing-topics=()",
    );
    expect(headers["Content-Security-Policy"]).toContain(`'nonce-${NONCE}'`);
    expect(headers["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
  });

  it("adds HSTS and upgrade-insecure-requests in production over https only", () => {
    const secure = securityHeaders({ nonce: NONCE, nodeEnv: "production", https: true });
    expect(secure["Strict-Transport-Security"]).toBe(HSTS);
    expect(HSTS).toBe("max-age=63072000; includeSubDomains");
    expect(secure["Content-Security-Policy"]).toContain("upgrade-insecure-requests");

    for (const nodeEnv of ["development", "test", undefined]) {
      const headers = securityHeaders({ nonce: NONCE, nodeEnv, https: true });
      expect(headers).not.toHaveProperty("Strict-Transport-Security");
      expect(headers["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    }
    expect(
      securityHeaders({ nonce: NONCE, nodeEnv: "development", https: false })["Content-Security-Policy"],
    ).toContain("'unsafe-eval'");
  });
});

describe("isHttpsRequest", () => {
  it("believes X-Forwarded-Proto (first value), else the URL", () => {
    expect(
      isHttpsRequest(new Headers({ "x-forwarded-proto": "https" }), new URL("http://localhost:3000/")),
    ).toBe(true);
    expect(
      isHttpsRequest(new Headers({ "x-forwarded-proto": "https, http" }), new URL("http://localhost:3000/")),
    ).toBe(true);
    expect(
      isHttpsRequest(new Headers({ "x-forwarded-proto": "http" }), new URL("https://example.org/")),
    ).toBe(false);
    expect(isHttpsRequest(new Headers(), new URL("https://example.org/"))).toBe(true);
    expect(isHttpsRequest(new Headers(), new URL("http://127.0.0.1:3000/"))).toBe(false);
  });
});

describe("isCrossSiteRequest", () => {
  const url = new URL("http://127.0.0.1:3000/stories/some-story");
  const check = (method: string, headers: Record<string, string>, siteUrl?: string, requestUrl = url) =>
    isCrossSiteRequest({ method, headers: new Headers(headers), url: requestUrl, siteUrl });

  it("lets reads through whatever their Origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(check(method, { origin: "https://evil.example", host: "127.0.0.1:3000" })).toBe(false);
    }
  });

  it("lets writes without an Origin through (curl, server to server)", () => {
    expect(check("POST", { host: "127.0.0.1:3000" })).toBe(false);
  });

  it("accepts the request's own origin", () => {
    expect(check("POST", { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })).toBe(false);
    expect(check("PUT", { origin: "http://localhost:3000", host: "LOCALHOST:3000" })).toBe(false);
    expect(
      check("DELETE", {
        origin: "https://vertrekpunt.example",
        host: "vertrekpunt.example:443",
        "x-forwarded-proto": "https",
      }),
    ).toBe(false);
  });

  it("refuses other sites, other ports and unreadable origins", () => {
    expect(check("POST", { origin: "https://evil.example", host: "127.0.0.1:3000" })).toBe(true);
    expect(check("POST", { origin: "http://127.0.0.1:4000", host: "127.0.0.1:3000" })).toBe(true);
    expect(check("POST", { origin: "http://127.0.0.1", host: "127.0.0.1:3000" })).toBe(true);
    expect(check("POST", { origin: "null", host: "127.0.0.1:3000" })).toBe(true);
    expect(check("POST", { origin: "", host: "127.0.0.1:3000" })).toBe(true);
    expect(check("POST", { origin: "file://", host: "127.0.0.1:3000" })).toBe(true);
    expect(check("PATCH", { origin: "http://127.0.0.1:3000.evil.example", host: "127.0.0.1:3000" })).toBe(
      true,
    );
  });

  it("uses X-Forwarded-Host and X-Forwarded-Proto: a cross-site page cannot make a browser send them", () => {
    const internal = new URL("http://10.0.0.5:3000/signin");
    const behindProxy = {
      host: "10.0.0.5:3000",
      "x-forwarded-host": "vertrekpunt.example, 10.0.0.1",
      "x-forwarded-proto": "https",
    };
    expect(
      check("POST", { ...behindProxy, origin: "https://vertrekpunt.example" }, undefined, internal),
    ).toBe(false);
    expect(check("POST", { ...behindProxy, origin: "https://10.0.0.5:3000" }, undefined, internal)).toBe(
      true,
    );
    expect(check("POST", { ...behindProxy, origin: "https://evil.example" }, undefined, internal)).toBe(true);
  });

  it("accepts https on the same host when the request looks like http, but not the reverse", () => {
    // A TLS-terminating proxy that sends X-Forwarded-Host but no X-Forwarded-Proto.
    expect(
      check(
        "POST",
        { host: "vertrekpunt.example", origin: "https://vertrekpunt.example" },
        undefined,
        new URL("http://vertrekpunt.example/"),
      ),
    ).toBe(false);
    expect(
      check("POST", {
        host: "vertrekpunt.example",
        "x-forwarded-proto": "https",
        origin: "http://vertrekpunt.example",
      }),
    ).toBe(true);
  });

  it("accepts SITE_URL's origin even when the proxy passes no host", () => {
    const internal = new URL("http://localhost:3000/signin");
    expect(
      check(
        "POST",
        { host: "localhost:3000", origin: "https://vertrekpunt.example" },
        "https://vertrekpunt.example/",
        internal,
      ),
    ).toBe(false);
    expect(
      check(
        "POST",
        { host: "localhost:3000", origin: "https://evil.example" },
        "https://vertrekpunt.example",
        internal,
      ),
    ).toBe(true);
    expect(
      check(
        "POST",
        { host: "localhost:3000", origin: "http://vertrekpunt.example" },
        "https://vertrekpunt.example",
        internal,
      ),
    ).toBe(true);
  });
});
