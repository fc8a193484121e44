import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { MANIFEST, WITHHELD, type WithheldFunction } from "../lib/security/server-functions";
import { ROOT, serverActionNames } from "../tests/support/server-actions";
import { childNamed, childrenNamed, parseXmlStrict, type XmlElement } from "../tests/support/strict-xml";
import { expect, signUp, test, uniqueMember, writeStory } from "./fixtures";

/*
 * The probe of issue 15, repeated through the running app with variants: redirect targets,
 * feed text, bad bytes, methods. See docs/decisions/032-untrusted-request-input.md.
 */

// Destinations that leave the site once a browser parses them (tab, CR and LF are dropped).
const OFF_SITE = [
  "/\t/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  "/\t\\evil.example",
  "//evil.example",
  "https://evil.example/",
  "/\\evil.example",
];
// Destinations that stay on the site but hold bytes a Location header cannot carry as they are.
const ODD_BYTES = [
  "/stories?q=\r\nSet-Cookie:x=1",
  "/stories?q=\u0001\u007f",
  "/members/\u0410lice",
  "/stories?q=\u2028\u{1F680}",
];

test.describe("redirects after signing in", () => {
  test("a signed-in visitor is sent only to a path on this site, never a 500", async ({ page, baseURL }) => {
    await signUp(page);
    for (const target of [...OFF_SITE, ...ODD_BYTES]) {
      const response = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(target)}`, {
        maxRedirects: 0,
      });
      expect(response.status(), JSON.stringify(target)).toBe(307);
      const location = response.headers()["location"];
      expect(new URL(location, baseURL).origin, JSON.stringify(target)).toBe(new URL(baseURL!).origin);
      expect(location, JSON.stringify(target)).toMatch(
        /^(\/(?!\/)|http:\/\/127\.0\.0\.1:\d+\/)[\x21-\x7e]*$/,
      );
      if (OFF_SITE.includes(target)) expect(new URL(location, baseURL).pathname).toBe("/");
    }
  });

  test("signing in from a crafted link lands on this site", async ({ page, browser, baseURL }) => {
    const member = await signUp(page, uniqueMember("Redirect"));
    const context = await browser.newContext({ locale: "en-GB" });
    const fresh = await context.newPage();
    for (const target of ["/\t/evil.example", "/\n/evil.example"]) {
      await fresh.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
      await fresh.getByLabel("Email").fill(member.email);
      await fresh.getByLabel("Password").fill(member.password);
      await fresh.getByRole("button", { name: "Sign in" }).click();
      await expect(fresh.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
      expect(new URL(fresh.url()).origin).toBe(new URL(baseURL!).origin);
      await fresh.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
      await expect(fresh.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    }
    await context.close();
  });
});

test.describe("feeds", () => {
  test("carry exactly what members wrote, whatever they wrote, and stay well-formed", async ({
    page,
    request,
  }) => {
    const id = randomBytes(3).toString("hex");
    const name = `Feed ]]> Writer ${id}`;
    const member = await signUp(page, { ...uniqueMember("Feeder"), name });
    const title = `]]><link href="https://evil.example/"/> ${id}`;
    const summary = `A <b>summary</b> ]]> with &amp; ${id}`;
    const body = "Two ]]> sections ]]> and <![CDATA[ an opener, long enough to be a story body here.";
    const path = await writeStory(page, { title, summary, body });
    const comment = `A comment ]]> with <script>alert(1)</script> and ]]> again ${id}`;
    await page.getByLabel("Comment").fill(comment);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("heading", { name: "Comments (1)" })).toBeVisible();

    const profile = (await page
      .getByRole("banner")
      .locator('a[href^="/members/"]')
      .first()
      .getAttribute("href"))!;
    const feedOf = async (url: string): Promise<XmlElement> => {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      return childNamed(parseXmlStrict(await response.text()), "feed");
    };
    for (const url of [
      "/stories/feed.xml",
      "/starting-points/improving-work-practice/feed.xml",
      `${profile}/feed.xml`,
    ]) {
      const feed = await feedOf(url);
      const entries = childrenNamed(feed, "entry").filter(
        (entry) => childNamed(entry, "title").text === title,
      );
      expect(entries, url).toHaveLength(1);
      const [entry] = entries;
      expect(childNamed(entry, "title").attributes.type).toBe("text");
      expect(childNamed(entry, "summary").text).toBe(summary);
      expect(childNamed(childNamed(entry, "author"), "name").text).toBe(member.name);
      expect(childrenNamed(entry, "link").map((link) => link.attributes.href)).toEqual([
        expect.stringMatching(new RegExp(`${path}$`)),
      ]);
      expect(childNamed(entry, "content").text).toMatch(
        /Two \]\](>|&gt;) sections \]\](>|&gt;) and (&lt;|&#x3C;)!\[CDATA\[ an opener/,
      );
    }
    const comments = await feedOf(`${path}/comments.xml`);
    expect(childNamed(comments, "title").text).toContain(title);
    const [entry] = childrenNamed(comments, "entry");
    expect(childNamed(entry, "content").text).toMatch(/A comment \]\](>|&gt;) with/);
    expect(childNamed(childNamed(entry, "author"), "name").text).toBe(member.name);
  });
});

const STORY = "/stories/kpn-challenges-on-policy-questions";

test.describe("server functions", () => {
  test("only the server actions are callable; every cached read refuses, by header and by form", async ({
    request,
  }) => {
    const dist = path.join(ROOT, ".next");
    const manifest = JSON.parse(readFileSync(path.join(dist, `${MANIFEST}.json`), "utf8")) as {
      node: Record<string, { filename: string; exportedName: string }>;
    };
    const withheld = JSON.parse(readFileSync(path.join(dist, WITHHELD), "utf8")) as WithheldFunction[];

    // What stays callable is exactly the actions the authorisation matrix tries
    // (tests/integration/authorization.test.ts fails on an action without an entry).
    const callable = Object.values(manifest.node).map((entry) => `${entry.filename}#${entry.exportedName}`);
    expect(callable.sort()).toEqual(serverActionNames().sort());

    // The rest are the "use cache" reads; each one, with arguments a page would give it, refuses.
    expect(withheld.length).toBeGreaterThan(10);
    expect(withheld.map((entry) => entry.filename)).toContain("lib/cache/reads.ts");
    for (const { id } of withheld) {
      for (const at of ["/", STORY]) {
        const byHeader = await request.post(at, {
          headers: {
            "Next-Action": id,
            "Content-Type": "text/plain;charset=UTF-8",
            Accept: "text/x-component",
          },
          data: JSON.stringify(["kpn-challenges-on-policy-questions", "en"]),
        });
        expect(byHeader.status(), `${id} at ${at}`).toBeGreaterThanOrEqual(400);
        expect(byHeader.status(), `${id} at ${at}`).toBeLessThan(500);
        expect(await byHeader.text()).not.toContain("kpn-challenges-on-policy-questions");
        const byForm = await request.post(at, {
          multipart: { [`$ACTION_ID_${id}`]: "", "0": "kpn-challenges-on-policy-questions" },
        });
        expect(byForm.status(), `${id} at ${at}`).toBeGreaterThanOrEqual(400);
        expect(byForm.status(), `${id} at ${at}`).toBeLessThan(500);
      }
    }
  });

  test("an action refused to its caller answers 4xx with a message, by form and by script", async ({
    page,
    browser,
  }) => {
    await signUp(page, uniqueMember("Author"));
    const storyPath = await writeStory(page, {
      title: `A story to refuse ${randomBytes(3).toString("hex")}`,
    });
    await page.getByLabel("Comment").fill("A comment only its author may delete.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByText("A comment only its author may delete.")).toBeVisible();
    const commentId = await page.locator('input[name="commentId"]').first().getAttribute("value");
    const storyId = await page.locator('input[name="storyId"]').first().getAttribute("value");
    expect(commentId && storyId).toBeTruthy();

    const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next", `${MANIFEST}.json`), "utf8")) as {
      node: Record<string, { exportedName: string }>;
    };
    const idOf = (name: string) =>
      Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name)![0];

    const other = await browser.newContext({ locale: "en-GB" });
    const stranger = await other.newPage();
    await signUp(stranger, uniqueMember("Stranger"));
    for (const [action, fields] of [
      ["deleteCommentAction", { commentId: commentId! }],
      ["setCommentsClosedAction", { storyId: storyId!, closed: "true" }],
      ["setThreadLockedAction", { storyId: storyId!, locked: "true" }],
      ["deleteStoryAction", { storyId: storyId! }],
    ] as const) {
      const byForm = await stranger.request.post(storyPath, {
        multipart: { [`$ACTION_ID_${idOf(action)}`]: "", ...fields },
      });
      expect([403, 404], action).toContain(byForm.status());
      expect(await byForm.text(), action).toMatch(/You cannot do that|Page not found/);
      const byScript = await stranger.request.post(storyPath, {
        headers: {
          "Next-Action": idOf(action),
          "Content-Type": "text/plain;charset=UTF-8",
          Accept: "text/x-component",
        },
        data: "[]",
      });
      // Called from a script without its form: nothing named, so a refusal or nothing at all.
      expect(byScript.status(), action).toBeLessThan(500);
    }
    await other.close();
    await page.reload();
    await expect(page.getByText("A comment only its author may delete.")).toBeVisible();
    await expect(page.getByLabel("Comment")).toBeVisible();
  });
});

test.describe("bad bytes and methods", () => {
  // Every way a request names something: query parameters, slugs, handles, cursors.
  const spelledNulCursor = Buffer.from('["2026-01-01T00:00:00.000Z","a\\u0000b"]').toString("base64url");
  const spelledNulKeyset = Buffer.from('["new",["2026-01-01T00:00:00.000Z"],"a\\u0000"]').toString(
    "base64url",
  );

  test("a NUL anywhere in the address is dropped as forms drop it: never a 500, and the API answers JSON", async ({
    page,
    request,
  }) => {
    await signUp(page, uniqueMember("Handle"));
    const profile = (await page
      .getByRole("banner")
      .locator('a[href^="/members/"]')
      .first()
      .getAttribute("href"))!;
    const values = ["%00", "a%00b", "%00%00%00", "%%0000"];
    const urls: string[] = [];
    for (const value of values) {
      for (const name of [
        "q",
        "author",
        "tool",
        "sp",
        "sort",
        "lang",
        "org",
        "type",
        "cursor",
        "before",
        "after",
      ]) {
        urls.push(`/stories?${name}=${value}`, `/api/v1/stories?${name}=${value}`);
      }
      urls.push(
        `${STORY}${value}`,
        `/stories/${value}`,
        `${STORY}${value}/comments.xml`,
        `${STORY}${value}/opengraph-image`,
        `${STORY}/revisions?from=${value}`,
        `${profile}${value}`,
        `${profile}${value}/feed.xml`,
        `/starting-points/using-knowledge${value}`,
        `/starting-points/using-knowledge${value}/feed.xml`,
        `/starting-points/using-knowledge${value}/opengraph-image`,
        `/api/v1/stories/kpn-challenges-on-policy-questions${value}`,
        `/api/v1/stories/kpn-challenges-on-policy-questions${value}/related`,
        `/embed/stories/kpn-challenges-on-policy-questions${value}`,
        `/oembed?url=${encodeURIComponent("http://127.0.0.1" + STORY)}${value}&format=json`,
        `/starting-points/triggers?term=${value}`,
        `/signin?callbackUrl=${value}`,
      );
    }
    for (const cursor of [spelledNulCursor, spelledNulKeyset]) {
      urls.push(
        `/stories?cursor=${cursor}`,
        `/api/v1/stories?cursor=${cursor}`,
        `${profile}?cursor=${cursor}`,
        `${STORY}?after=${cursor}`,
      );
    }
    for (const url of urls) {
      const response = await request.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBeLessThan(500);
      if (url.startsWith("/api/"))
        expect(response.headers()["content-type"], url).toMatch(/^application\/json/);
    }
  });

  test("a method the app does not answer gets 405 with Allow and the security headers", async ({
    request,
  }) => {
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND"]) {
      for (const url of ["/", STORY, "/stories/feed.xml", "/api/v1/stories", "/api/auth/session"]) {
        const response = await request.fetch(url, { method });
        expect(response.status(), `${method} ${url}`).toBe(405);
        const headers = response.headers();
        expect(headers["allow"]).toBe("GET, HEAD, POST, OPTIONS");
        expect(headers["x-content-type-options"]).toBe("nosniff");
        expect(headers["content-security-policy"]).toContain("default-src 'none'");
        if (url.startsWith("/api/")) expect(JSON.parse(await response.text()).error).toContain(method);
        else expect(await response.text()).toContain("Request method not allowed");
      }
    }
  });
});
