import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signIn, signUp, test } from "./fixtures";

/*
 * Security headers and the per-request CSP nonce (proxy.ts, lib/security/headers.ts), the
 * cross-site request check, and a scan of the client bundle for secrets and server code.
 * See docs/decisions/015-security-headers-and-csp.md.
 */

const SEEDED_STORY = "/stories/kpn-challenges-on-policy-questions";

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(" ")];
    }),
  );
}

/** Checks every security header of a response from the (production, plain http) test server; returns the nonce. */
function expectSecurityHeaders(response: { headers(): Record<string, string> }, what: string): string {
  const headers = response.headers();
  const csp = headers["content-security-policy"];
  expect(csp, `CSP on ${what}`).toBeDefined();
  const policy = directives(csp);
  const scriptSrc = policy.get("script-src") ?? "";
  const nonce = /^'self' 'nonce-([A-Za-z0-9+/]+={0,2})' 'strict-dynamic'$/.exec(scriptSrc)?.[1];
  expect(nonce, `script-src on ${what}: ${scriptSrc}`).toBeDefined();
  expect(Object.fromEntries(policy)).toEqual({
    "default-src": "'self'",
    "script-src": `'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
  });
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toBe(
    "camera=(), microphone=(), geolocation=(), browsing-topics=()",
  );
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  // Plain http: no HSTS, and no upgrade-insecure-requests (it would break every asset here).
  expect(headers["strict-transport-security"], what).toBeUndefined();
  return nonce!;
}

type Violation = { directive: string; blocked: string; source: string; page: string };

/** Collects CSP violations on this page across navigations. Call before the first goto. */
async function recordViolations(page: Page): Promise<Violation[]> {
  const violations: Violation[] = [];
  await page.exposeFunction("__cspViolation", (directive: string, blocked: string, source: string) => {
    violations.push({ directive, blocked, source, page: page.url() });
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __cspViolation: (...args: string[]) => void }).__cspViolation;
      void report(event.effectiveDirective, event.blockedURI, `${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return violations;
}

test.describe("security headers", () => {
  test("pages, route handlers and feeds carry every security header, with a fresh nonce each time", async ({
    request,
  }) => {
    const nonces = new Set<string>();
    for (const url of [
      "/",
      SEEDED_STORY,
      "/api/v1/starting-points",
      "/api/health",
      "/api",
      "/stories/feed.xml",
      "/nope-not-here",
    ]) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(url === "/nope-not-here" ? 404 : 200);
      nonces.add(expectSecurityHeaders(response, url));
    }
    for (let i = 0; i < 3; i++)
      nonces.add(expectSecurityHeaders(await request.get("/api/health"), "/api/health"));
    expect(nonces.size).toBe(10);

    // The redirect to sign in and the build assets (served without the proxy) get them too.
    const redirect = await request.get("/stories/new", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers()["location"]).toContain("/signin?callbackUrl=%2Fstories%2Fnew");
    expectSecurityHeaders(redirect, "the sign-in redirect");
    const html = await (await request.get("/")).text();
    const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const assetHeaders = (await request.get(asset!)).headers();
    expect(assetHeaders["x-content-type-options"]).toBe("nosniff");
    expect(assetHeaders["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(assetHeaders["x-frame-options"]).toBe("DENY");
  });

  test("behind https (X-Forwarded-Proto) production adds HSTS and upgrade-insecure-requests", async ({
    request,
  }) => {
    for (const url of ["/", "/api/health"]) {
      const headers = (await request.get(url, { headers: { "X-Forwarded-Proto": "https" } })).headers();
      expect(headers["strict-transport-security"], url).toBe("max-age=63072000; includeSubDomains");
      expect(directives(headers["content-security-policy"]).has("upgrade-insecure-requests"), url).toBe(true);
    }
  });

  test("every script tag of a page carries that request's nonce", async ({ request, page }) => {
    const seen = new Set<string>();
    for (const url of ["/", "/stories", SEEDED_STORY, "/signin", "/api"]) {
      for (let i = 0; i < 2; i++) {
        const response = await request.get(url);
        const nonce = expectSecurityHeaders(response, url);
        seen.add(nonce);
        const scripts = (await response.text()).match(/<script\b[^>]*>/gi) ?? [];
        expect(scripts.length, url).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, url).toContain(` nonce="${nonce}"`);
      }
    }
    expect(seen.size).toBe(10);

    // In the browser, after hydration: the scripts the server sent carry the nonce; a chunk the
    // app loads later may not (the bundler adds its tag), and 'strict-dynamic' trusts it only
    // because a nonced script inserted it. Nothing else may be there.
    const response = await page.goto(SEEDED_STORY);
    const nonce = expectSecurityHeaders(response!, SEEDED_STORY);
    await page.waitForLoadState("networkidle");
    const scripts = await page.locator("script").evaluateAll((elements) =>
      elements.map((element) => ({
        nonce: (element as HTMLScriptElement).nonce,
        src: (element as HTMLScriptElement).src,
      })),
    );
    expect(scripts.filter((script) => script.nonce === nonce).length).toBeGreaterThan(0);
    for (const script of scripts.filter((s) => s.nonce !== nonce)) {
      expect(script.nonce, script.src).toBe("");
      expect(
        new URL(script.src).pathname,
        "a script without the nonce must be one of the app's own chunks",
      ).toMatch(/^\/_next\/static\/chunks\//);
    }
  });

  test("browsing, signing up, writing and the API reference cause no CSP violation", async ({ page }) => {
    const violations = await recordViolations(page);
    for (const url of [
      "/",
      "/stories",
      SEEDED_STORY,
      "/starting-points",
      "/starting-points/using-knowledge",
      "/signin",
      "/signup",
      "/stories?q=network",
    ]) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
    }
    // Client-side navigation loads more chunks.
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: "Stories" }).click();
    await expect(page).toHaveURL(/\/stories$/);
    await page.getByRole("banner").getByRole("link", { name: "Starting points" }).click();
    await expect(page).toHaveURL(/\/starting-points$/);

    // Swagger UI, from its own nonce-bearing script tags.
    await page.goto("/api");
    await expect(page.getByRole("heading", { name: /Vertrekpunt read API/ })).toBeVisible();
    await expect(page.getByText("/stories/{slug}", { exact: true })).toBeVisible();

    // Server actions, the Markdown preview and a redirect after publishing.
    await signUp(page);
    await page.goto("/stories/new");
    await page.getByLabel("Story", { exact: true }).fill("We started with **a blog**.");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("region", { name: "Preview of the story" }).locator("strong")).toHaveText(
      "a blog",
    );
    await page.goto(SEEDED_STORY);
    await page.waitForLoadState("networkidle");

    expect(violations).toEqual([]);
  });

  test("the sign-in form still works under the CSP", async ({ page }) => {
    const member = await signUp(page);
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    await signIn(page, member);
    await expect(page.getByRole("banner").getByRole("link", { name: member.name })).toBeVisible();
  });
});

test.describe("cross-site requests", () => {
  test("a POST with another site's Origin gets 403; same-site and Origin-less ones pass on", async ({
    request,
    baseURL,
  }) => {
    const form = { form: { body: "Cross-site comment" } };
    for (const url of [SEEDED_STORY, "/signin", "/stories/new", "/api/auth/signout", "/api/health"]) {
      for (const origin of [
        "https://evil.example",
        "null",
        `${baseURL!.replace("127.0.0.1", "localhost")}`,
        "http://127.0.0.1:1",
      ]) {
        const response = await request.post(url, {
          ...form,
          headers: { Origin: origin, "Next-Action": "0".repeat(42) },
          maxRedirects: 0,
        });
        expect(response.status(), `${origin} → ${url}`).toBe(403);
        expect(await response.text()).toBe("Cross-site request refused.\n");
        expect(response.headers()["content-type"]).toContain("text/plain");
        expectSecurityHeaders(response, `403 for ${url}`);
      }
      // Auth.js would only log a missing CSRF token for these; its 403 case is covered above.
      if (url.startsWith("/api/auth/")) continue;
      const sameSite: Record<string, string>[] = [{ Origin: baseURL! }, {}];
      for (const headers of sameSite) {
        const response = await request.post(url, { ...form, headers, maxRedirects: 0 });
        expect(response.status(), `${JSON.stringify(headers)} → ${url}`).not.toBe(403);
      }
    }
    // Reads are never refused, whatever their Origin.
    expect((await request.get(SEEDED_STORY, { headers: { Origin: "https://evil.example" } })).status()).toBe(
      200,
    );
  });
});

test.describe("client bundle", () => {
  function files(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
  }

  /** The AUTH_SECRET the e2e server runs with: from the environment, else the file playwright.config.ts points it at. */
  function serverSecrets(): string[] {
    const secrets = new Set<string>();
    if (process.env.AUTH_SECRET) secrets.add(process.env.AUTH_SECRET);
    const secretFiles = [
      process.env.E2E_DATA_DIR && path.join(process.env.E2E_DATA_DIR, "auth-secret"),
      path.join(".data", "auth-secret"),
    ];
    for (const file of secretFiles)
      if (file && existsSync(file)) secrets.add(readFileSync(file, "utf8").trim());
    return [...secrets];
  }

  test("holds no secrets, password fields or server-only code", () => {
    const secrets = serverSecrets();
    expect(secrets.length, "the e2e server's AUTH_SECRET").toBeGreaterThan(0);
    for (const secret of secrets) expect(secret.length).toBeGreaterThanOrEqual(32);

    const forbidden = [
      ...secrets,
      "DATABASE_URL",
      "passwordHash",
      "password_hash",
      // Server-only code: the database layer and the `server-only` guard itself.
      "pg_advisory",
      "drizzle-orm/pglite",
      "@electric-sql/pglite",
      "@node-rs/argon2",
      "This module cannot be imported from a Client Component module",
    ];
    const all = files(path.join(".next", "static"));
    const scripts = all.filter((file) => file.endsWith(".js"));
    expect(scripts.length, "built client scripts in .next/static").toBeGreaterThan(5);

    const found: string[] = [];
    for (const file of all) {
      const content = readFileSync(file);
      for (const needle of forbidden) {
        if (content.includes(needle))
          found.push(
            `${path.relative(".next/static", file)} contains ${secrets.includes(needle) ? "the AUTH_SECRET" : JSON.stringify(needle)}`,
          );
      }
    }
    expect(found).toEqual([]);
  });
});
