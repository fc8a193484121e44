import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { test as plainTest, type APIRequestContext } from "@playwright/test";
import { expect, expectNoSeriousViolations, signUp, test, writeStory } from "./fixtures";

/*
 * The embeds, their framing rules, oEmbed and the share control (decision 025).
 */

const SEEDED_STORY = "/stories/kpn-challenges-on-policy-questions";

/** Another site: a tiny server on a port of its own that serves one page with the given HTML. */
async function otherSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // "localhost" and another port: another origin than the app's http://127.0.0.1:<port>.
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// The refused frame makes Chromium log an error on purpose; this test checks for it instead of failing on it.
plainTest(
  "another site can frame the model embed, and a normal page refuses to be framed",
  async ({ page, baseURL }) => {
    const site = await otherSite(`<!doctype html><html lang="en"><head><title>A blog</title></head><body>
<h1>A blog post about the model</h1>
<iframe name="embed" src="${baseURL}/embed/model" width="560" height="500" title="The model"></iframe>
<iframe name="page" src="${baseURL}/stories" width="560" height="300" title="A page"></iframe>
</body></html>`);
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/frame-ancestors/.test(message.text())) refusals.push(message.text());
    });
    try {
      await page.goto(site.url);
      const embed = page.frameLocator('iframe[name="embed"]');
      await expect(embed.getByRole("heading", { level: 1, name: "The starting points model" })).toBeVisible();
      await expect(embed.getByRole("table")).toBeVisible();
      await expect(embed.getByRole("link", { name: "See the whole model on Vertrekpunt" })).toHaveAttribute(
        "href",
        `${baseURL}/starting-points`,
      );

      // The page frame never shows the site: the browser blocked it on frame-ancestors 'none'.
      await expect.poll(() => refusals.join("\n")).toContain("frame-ancestors 'none'");
      const framedPage = page.frame({ name: "page" });
      expect(framedPage).not.toBeNull();
      await expect(
        page.frameLocator('iframe[name="page"]').getByRole("heading", { name: "Stories" }),
      ).toHaveCount(0);
      expect(framedPage!.url()).not.toContain("/stories");
    } finally {
      await site.close();
    }
  },
);

test.describe("the embeds", () => {
  test("are framable, light, without header or footer, and pass axe", async ({ page, request }) => {
    const response = await request.get("/embed/model");
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["x-frame-options"]).toBeUndefined();
    const csp = headers["content-security-policy"];
    expect(csp).toContain("frame-ancestors *");
    // The rest of the strict policy is kept.
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    const html = await response.text();
    expect(html).not.toContain("<script");
    expect(Buffer.byteLength(html)).toBeLessThan(12_000);

    // Every other route still refuses frames, the oEmbed endpoint included.
    for (const path of ["/starting-points", SEEDED_STORY, "/oembed?url=x"]) {
      const other = await request.get(path);
      expect(other.headers()["x-frame-options"], path).toBe("DENY");
      expect(other.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    }

    for (const path of ["/embed/model", "/embed/model?sp=using-knowledge", `/embed${SEEDED_STORY}`]) {
      await page.goto(path);
      await expect(page.getByRole("banner")).toHaveCount(0);
      await expect(page.getByRole("contentinfo")).toHaveCount(0);
      await expectNoSeriousViolations(page);
    }
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Read the whole story on Vertrekpunt" })).toHaveAttribute(
      "href",
      /\/stories\/kpn-challenges-on-policy-questions$/,
    );
  });

  test("speak the visitor's language, or the one asked for", async ({ browser }) => {
    const context = await browser.newContext({ locale: "nl-NL" });
    const page = await context.newPage();
    await page.goto("/embed/model");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(
      page.getByRole("heading", { level: 1, name: "Het model van de vertrekpunten" }),
    ).toBeVisible();
    await page.goto("/embed/model?lang=en");
    await expect(page.getByRole("heading", { level: 1, name: "The starting points model" })).toBeVisible();
    await page.goto("/embed/model?sp=using-knowledge");
    await expect(
      page.getByRole("heading", { level: 1, name: "Kennis benutten in de organisatie" }),
    ).toBeVisible();
    await context.close();
  });

  test("show a new story on their next load, and a draft not at all", async ({ page, request }) => {
    const countOf = async () => {
      const html = await (await request.get("/embed/model?lang=en")).text();
      return Number(/(\d+) published stor/.exec(html)?.[1]);
    };
    const before = await countOf();
    await signUp(page);
    const path = await writeStory(page, {
      title: `Embedded story ${Date.now()}`,
      startingPoints: ["Improving the work practice", "Making use of knowledge in the organisation"],
    });
    expect(await countOf()).toBeGreaterThan(before);
    const card = await request.get(`/embed${path}`);
    expect(card.status()).toBe(200);
    expect(await card.text()).toContain("Embedded story");

    const draft = await writeStory(page, { title: `Draft story ${Date.now()}` }, "Save draft");
    const missing = await request.get(`/embed${draft}`);
    expect(missing.status()).toBe(404);
    expect(await missing.text()).not.toContain("Draft story");
  });

  test("are not found for an unknown starting point or story", async ({ request }) => {
    expect((await request.get("/embed/model?sp=no-such-thing")).status()).toBe(404);
    expect((await request.get("/embed/stories/no-such-story")).status()).toBe(404);
  });
});

/** What an oEmbed consumer does: find the discovery link on the page, fetch it, check it against the spec. */
async function discover(request: APIRequestContext, path: string) {
  const html = await (await request.get(path)).text();
  const link = /<link[^>]+rel="alternate"[^>]+type="application\/json\+oembed"[^>]*>/.exec(html)?.[0];
  expect(link, `oEmbed discovery link on ${path}`).toBeDefined();
  const href = /href="([^"]+)"/.exec(link!)?.[1]?.replaceAll("&amp;", "&");
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oembed\?url=/);
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  // oEmbed 1.0, section 2.3.4: every response has type and version; "rich" adds html, width and height.
  expect(body.version).toBe("1.0");
  expect(body.type).toBe("rich");
  expect(typeof body.html).toBe("string");
  expect(Number.isInteger(body.width) && body.width > 0).toBe(true);
  expect(Number.isInteger(body.height) && body.height > 0).toBe(true);
  for (const optional of ["title", "provider_name", "provider_url", "author_name", "author_url"]) {
    if (optional in body) expect(typeof body[optional], optional).toBe("string");
  }
  if ("cache_age" in body) expect(Number.isInteger(body.cache_age)).toBe(true);
  const src = /<iframe src="([^"]+)"/.exec(body.html)?.[1]?.replaceAll("&#38;", "&");
  expect(src).toBeDefined();
  const embed = await request.get(src!);
  expect(embed.status()).toBe(200);
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  return { body, src: src! };
}

test.describe("oEmbed", () => {
  test("the model, a starting point and a story are discovered and answered as the spec says", async ({
    request,
  }) => {
    const model = await discover(request, "/starting-points");
    expect(model.src).toMatch(/\/embed\/model$/);
    expect(model.body.provider_name).toBe("Vertrekpunt");
    const startingPoint = await discover(request, "/starting-points/using-knowledge");
    expect(startingPoint.src).toMatch(/\/embed\/model\?sp=using-knowledge$/);
    expect(startingPoint.body.title).toBe("Making use of knowledge in the organisation");
    const story = await discover(request, SEEDED_STORY);
    expect(story.src).toMatch(/\/embed\/stories\/kpn-challenges-on-policy-questions$/);
    expect(story.body.author_name).toBe("Editors");
  });

  test("refuses bad and foreign URLs and formats other than JSON", async ({ request, baseURL }) => {
    const oembed = (query: string) => request.get(`/oembed?${query}`);
    const url = (value: string) => `url=${encodeURIComponent(value)}`;
    expect((await oembed(`${url(`${baseURL}/starting-points`)}&format=xml`)).status()).toBe(501);
    expect((await oembed("format=json")).status()).toBe(400);
    for (const bad of [
      "https://evil.example/starting-points",
      `${baseURL}/signin`,
      `${baseURL}/stories/no-such-story`,
      `${baseURL}/starting-points/nope`,
      "not a url",
    ]) {
      expect((await oembed(`${url(bad)}&format=json`)).status(), bad).toBe(404);
    }
    const sized = await (
      await oembed(`${url(`${baseURL}/starting-points`)}&maxwidth=300&maxheight=200`)
    ).json();
    expect([sized.width, sized.height]).toEqual([300, 200]);
    expect(sized.html).toContain('width="300" height="200"');
  });
});

test.describe("Share / embed", () => {
  test("shows the snippet without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(SEEDED_STORY);
    await page.getByText("Share / embed").click();
    const code = page.getByLabel("Embed code");
    await expect(code).toBeVisible();
    await expect(code).toHaveValue(
      /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/stories\/kpn-challenges-on-policy-questions"/,
    );
    await expect(page.getByRole("button", { name: "Copy code" })).toHaveCount(0);
    await context.close();
  });

  test("copies the model's snippet with JavaScript", async ({ page, context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await page.goto("/starting-points");
    await page.getByText("Share / embed").click();
    await page.getByRole("button", { name: "Copy code" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByLabel("Embed code").inputValue());
    expect(copied).toContain("/embed/model");
  });
});
