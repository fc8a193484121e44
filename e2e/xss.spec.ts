import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { numberedPayload, XSS_PAYLOADS } from "../tests/support/xss-payloads";
import { expect, signUp, test, writeStory, type Member } from "./fixtures";

/*
 * Every XSS payload from tests/support/xss-payloads.ts goes through the real forms, into every
 * field that is rendered somewhere, and then every page that shows them is opened. A payload
 * that runs calls alert(n), where n tells the field and the payload:
 *
 *   1000+i story body     2000+i story comments     3000+i titles, organisations, summaries,
 *   4000+i display names  5000+i proposal           6000+i proposal comments
 *   7000+i organisation recognition note            8000+i reflected in /stories?q= and ?tool=
 *
 * Nothing may run: no alert (or other dialog), no window.__xss call, and no CSP violation for
 * scripts (that would mean markup got through and only the CSP stopped it). The DOM of user
 * content is also checked: no scripts, no on* attributes, no javascript: URLs.
 */

const FIELD = {
  body: 1000,
  comment: 2000,
  short: 3000,
  name: 4000,
  proposal: 5000,
  proposalComment: 6000,
  note: 7000,
  reflected: 8000,
} as const;

/** All payloads, numbered from `base`. The forms drop NUL characters (PostgreSQL text cannot hold them). */
const numbered = (base: number) => XSS_PAYLOADS.map((payload, i) => numberedPayload(payload, base + i));

/** Payloads an <input> keeps as typed: one line, no control characters. */
const ONE_LINE = XSS_PAYLOADS.map((payload, i) => ({ payload, i })).filter(
  ({ payload }) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(payload),
);

/** Length as submitted: forms send a textarea's line breaks as CRLF, and the limits count them. */
const submittedLength = (text: string) => text.replace(/\n/g, "\r\n").length;

/** Hands out one-line payloads in turn, so the short fields of several stories carry different ones. */
function shortPayloads(base: number) {
  let next = 0;
  return {
    /** As many payloads as fit in `max` characters, joined by `separator`. */
    fill(
      max: number,
      separator = " ",
      accept: (payload: string) => boolean = () => true,
      maxCount = Infinity,
    ): string {
      const parts: string[] = [];
      for (let tries = 0; tries < ONE_LINE.length && parts.length < maxCount; tries++) {
        const { payload, i } = ONE_LINE[next % ONE_LINE.length];
        const candidate = numberedPayload(payload, base + i);
        if (submittedLength([...parts, candidate].join(separator)) > max) {
          if (parts.length) break;
          next++; // Longer than the whole field: skip it here.
          continue;
        }
        next++;
        if (accept(candidate)) parts.push(candidate);
      }
      return parts.join(separator);
    },
  };
}

/** Joins payloads into paragraphs of at most `max` characters each. */
function paragraphs(payloads: string[], max: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  for (const payload of payloads) {
    if (submittedLength([...current, payload].join("\n\n")) > max && current.length) {
      chunks.push(current.join("\n\n"));
      current = [];
    }
    current.push(payload);
  }
  if (current.length) chunks.push(current.join("\n\n"));
  return chunks;
}

type Watch = { calls: string[]; dialogs: string[]; violations: string[] };

/** Records script that runs on this page, across navigations. Call before the first goto. */
async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { calls: [], dialogs: [], violations: [] };
  await page.exposeFunction("__xssRecord", (kind: string, detail: string) => {
    if (kind === "call") seen.calls.push(`${detail} on ${page.url()}`);
    else if (kind === "csp") seen.violations.push(`${detail} on ${page.url()}`);
  });
  await page.addInitScript(() => {
    const record = (window as unknown as { __xssRecord: (kind: string, detail: string) => void }).__xssRecord;
    (window as unknown as { __xss: (n: unknown) => void }).__xss = (n) => record("call", String(n));
    document.addEventListener("securitypolicyviolation", (event) =>
      record(
        "csp",
        `${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  page.on("dialog", (dialog) => {
    seen.dialogs.push(`${dialog.type()} ${dialog.message()} on ${page.url()}`);
    void dialog.dismiss();
  });
  return seen;
}

/** Proves the watch works under the real CSP: a call, an alert and a blocked inline handler are all seen. */
async function expectWatchWorks(page: Page, seen: Watch) {
  await page.evaluate(() => (window as unknown as { __xss: (n: number) => void }).__xss(-1));
  await page.evaluate(() => alert(-2));
  await page.evaluate(() =>
    document.body.insertAdjacentHTML("beforeend", '<img src="/icon.svg" alt="" onload="alert(-3)">'),
  );
  await expect
    .poll(() => [seen.calls.length, seen.dialogs.length, seen.violations.length])
    .toEqual([1, 1, 1]);
  expect(seen.violations[0]).toMatch(/^script-src-attr /);
  seen.calls.length = seen.dialogs.length = seen.violations.length = 0;
}

function expectNothingRan(seen: Watch) {
  expect(seen.calls, "window.__xss calls").toEqual([]);
  expect(seen.dialogs, "alerts and other dialogs").toEqual([]);
  expect(seen.violations, "CSP violations").toEqual([]);
}

/** User content (Markdown, snippets) and the whole page: no scripts, handlers or script URLs. */
async function expectInertDom(page: Page) {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const scriptUrl = (value: string) =>
      /^(javascript|vbscript):/.test(value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase());
    for (const element of Array.from(document.querySelectorAll("*"))) {
      for (const { name, value } of Array.from(element.attributes)) {
        if (name.toLowerCase().startsWith("on")) found.push(`<${element.localName} ${name}>`);
        if (
          ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].includes(
            name.toLowerCase(),
          ) &&
          scriptUrl(value)
        ) {
          found.push(`<${element.localName} ${name}="${value}">`);
        }
      }
    }
    for (const content of Array.from(document.querySelectorAll(".prose, main mark"))) {
      const html = content.innerHTML.toLowerCase();
      if (html.includes("<script")) found.push("<script in user content");
      const forbidden = content.querySelectorAll(
        "script, style, iframe, object, embed, form, input, svg, math, base, meta, link, [style], [srcdoc]",
      );
      for (const element of Array.from(forbidden)) found.push(`<${element.localName}> in user content`);
      for (const link of Array.from(content.querySelectorAll("[href], [src]"))) {
        const url = (link.getAttribute("href") ?? link.getAttribute("src") ?? "")
          .replace(/[\u0000-\u0020]/g, "")
          .toLowerCase();
        if (url.startsWith("data:")) found.push(`data: URL in user content: ${url.slice(0, 40)}`);
      }
    }
    return found;
  });
  expect(problems, `active content on ${page.url()}`).toEqual([]);
}

/** A member whose display name is a payload, in their own watched browser context. */
async function payloadMember(
  browser: Browser,
  name: string,
): Promise<{ page: Page; seen: Watch; member: Member; handlePath: string; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const seen = await watch(page);
  const id = randomBytes(4).toString("hex");
  const member = await signUp(page, {
    name,
    email: `xss-${id}@example.org`,
    password: `pass-${id}-long-enough`,
  });
  const handlePath = await memberPath(page);
  return { page, seen, member, handlePath, close: () => context.close() };
}

async function memberPath(page: Page): Promise<string> {
  const href = await page.getByRole("banner").locator('a[href^="/members/"]').first().getAttribute("href");
  expect(href).toMatch(/^\/members\/[^/?#]+$/);
  return href!;
}

/** Visits each path and checks that nothing ran and the DOM holds no active content. */
async function visitAll(page: Page, seen: Watch, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await page.waitForLoadState("load");
    await expectInertDom(page);
  }
  expectNothingRan(seen);
}

const names = (() => {
  const short = shortPayloads(FIELD.name);
  return [short.fill(80), short.fill(80), short.fill(80)];
})();

test.describe("XSS payloads in every field", () => {
  test.describe.configure({ mode: "parallel" });

  test("has at least 100 payloads", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
  });

  test("stories, their comments and display names render inert", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const seen = await watch(page);
    const id = randomBytes(4).toString("hex");
    await signUp(page, {
      name: names[0],
      email: `xss-author-${id}@example.org`,
      password: `pass-${id}-long-enough`,
    });
    const authorPath = await memberPath(page);

    // Three stories: the body of the first holds every payload, one per paragraph; the short
    // fields of all three take turns through the one-line payloads.
    const short = shortPayloads(FIELD.short);
    const toolSafe = (payload: string) => payload.length <= 40 && !/[,;]/.test(payload);
    const stories: string[] = [];
    for (let n = 0; n < 3; n++) {
      const body =
        n === 0
          ? numbered(FIELD.body).join("\n\n")
          : `A story full of hostile markup, number ${n + 1}.\n\n${short.fill(1000, "\n\n")}`;
      stories.push(
        await writeStory(page, {
          title: `XSS ${n + 1} ${short.fill(140)}`,
          organisation: short.fill(120),
          summary: short.fill(300),
          body,
          trigger: short.fill(500),
          tools: short.fill(20 * 42, ", ", toolSafe, 20),
        }),
      );
    }

    // Another member comments on the first story with every payload.
    const commenter = await payloadMember(browser, names[1]);
    const comments = paragraphs(numbered(FIELD.comment), 5000);
    await commenter.page.goto(stories[0]);
    for (const [n, comment] of comments.entries()) {
      await commenter.page.getByLabel("Comment").fill(comment);
      await commenter.page.getByRole("button", { name: "Post comment" }).click();
      await expect(commenter.page.getByRole("heading", { name: `Comments (${n + 1})` })).toBeVisible();
    }
    await visitAll(commenter.page, commenter.seen, [stories[0], commenter.handlePath]);
    await commenter.close();

    // The author opens the edit form (every field holds payloads) and previews the body.
    await page.goto(`${stories[0]}/edit`);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("region", { name: "Preview of the story" }).locator(".prose")).toBeVisible();
    await expectInertDom(page);
    expectNothingRan(seen);

    // Everyone else: the story pages, the lists, search results with snippets, the authors.
    const reader = await browser.newContext({ locale: "en-GB" });
    const readerPage = await reader.newPage();
    const readerSeen = await watch(readerPage);
    await readerPage.goto("/");
    await expectWatchWorks(readerPage, readerSeen);
    const reflected = ONE_LINE.slice(0, 5).map(({ payload, i }) =>
      numberedPayload(payload, FIELD.reflected + i),
    );
    await visitAll(readerPage, readerSeen, [
      ...stories,
      "/",
      "/stories",
      "/stories?q=alert",
      "/stories?q=script%20onerror",
      "/stories?q=hostile%20markup",
      ...reflected.map((payload) => `/stories?q=${encodeURIComponent(payload)}`),
      `/stories?tool=${encodeURIComponent(reflected[0])}`,
      authorPath,
      `/stories?author=${authorPath.slice("/members/".length)}`,
      "/starting-points/improving-work-practice",
    ]);

    // Search results show the matching passage of the body, payloads and all.
    await readerPage.goto("/stories?q=alert");
    await expect(readerPage.locator("main mark").first()).toBeVisible();

    // The story body itself: nothing in it is active.
    await readerPage.goto(stories[0]);
    const body = readerPage.locator("article > .prose").first();
    await expect(body).toBeVisible();
    expect(await body.locator("script").count()).toBe(0);
    expect(
      await body.evaluate((element) =>
        Array.from(element.querySelectorAll("*"))
          .flatMap((el) => Array.from(el.attributes).map((a) => a.name))
          .filter((name) => /^on/i.test(name)),
      ),
    ).toEqual([]);
    expect(
      await body.evaluate((element) =>
        Array.from(element.querySelectorAll("[href]"))
          .map((el) => el.getAttribute("href")!)
          .filter((href) => /^\s*(javascript|vbscript|data):/i.test(href)),
      ),
    ).toEqual([]);
    expect((await body.innerHTML()).toLowerCase()).not.toContain("<script");
    await reader.close();

    expectNothingRan(seen);
  });

  test("proposals, their comments and organisation notes render inert", async ({ browser }) => {
    test.setTimeout(180_000);
    const proposer = await payloadMember(browser, names[2]);
    const { page, seen } = proposer;

    const short = shortPayloads(FIELD.proposal);
    await page.goto("/starting-points");
    const name = short.fill(80);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Explanation").fill(paragraphs(numbered(FIELD.proposal), 2000)[0]);
    await page.getByRole("button", { name: "Propose" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Proposal: ${name}` })).toBeVisible();
    const proposalPath = new URL(page.url()).pathname;

    const comments = paragraphs(numbered(FIELD.proposalComment), 5000);
    for (const comment of comments) {
      await page.getByLabel("Comment").fill(comment);
      await page.getByRole("button", { name: "Post comment" }).click();
      await expect(page.getByLabel("Comment")).toHaveValue("");
    }
    await expect(page.locator("main .prose")).toHaveCount(comments.length);

    await page.goto("/starting-points/improving-work-practice");
    await page.getByLabel("What was the trigger? (optional)").fill(shortPayloads(FIELD.note).fill(500, "\n"));
    await page.getByRole("button", { name: "I recognise this in my organisation" }).click();
    await expect(page.getByText("You recognise this starting point in your organisation.")).toBeVisible();

    await visitAll(page, seen, [
      proposalPath,
      "/starting-points",
      "/starting-points/improving-work-practice",
      proposer.handlePath,
    ]);
    await proposer.close();

    const visitor = await browser.newContext({ locale: "en-GB" });
    const visitorPage = await visitor.newPage();
    const visitorSeen = await watch(visitorPage);
    await visitAll(visitorPage, visitorSeen, [
      proposalPath,
      "/starting-points",
      "/starting-points/improving-work-practice",
      proposer.handlePath,
    ]);
    await visitor.close();
  });
});
