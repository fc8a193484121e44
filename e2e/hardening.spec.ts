import { randomBytes } from "node:crypto";
import { childNamed, childrenNamed, parseXmlStrict, type XmlElement } from "../tests/support/strict-xml";
import { expect, signUp, test, uniqueMember, writeStory } from "./fixtures";

/*
 * The probe of issue 15, repeated through the running app with variants: redirect targets,
 * feed text, bad bytes, methods. See docs/decisions/025-request-input-at-the-edges.md.
 */

// Destinations that leave the site once a browser parses them (tab, CR and LF are dropped).
const OFF_SITE = ["/\t/evil.example", "/\r\n/evil.example", "\t//evil.example", "/\t\\evil.example", "//evil.example", "https://evil.example/", "/\\evil.example"];
// Destinations that stay on the site but hold bytes a Location header cannot carry as they are.
const ODD_BYTES = ["/stories?q=\r\nSet-Cookie:x=1", "/stories?q=\u0001\u007f", "/members/\u0410lice", "/stories?q=\u2028\u{1F680}"];

test.describe("redirects after signing in", () => {
  test("a signed-in visitor is sent only to a path on this site, never a 500", async ({ page, baseURL }) => {
    await signUp(page);
    for (const target of [...OFF_SITE, ...ODD_BYTES]) {
      const response = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 });
      expect(response.status(), JSON.stringify(target)).toBe(307);
      const location = response.headers()["location"];
      expect(new URL(location, baseURL).origin, JSON.stringify(target)).toBe(new URL(baseURL!).origin);
      expect(location, JSON.stringify(target)).toMatch(/^(\/(?!\/)|http:\/\/127\.0\.0\.1:\d+\/)[\x21-\x7e]*$/);
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
  test("carry exactly what members wrote, whatever they wrote, and stay well-formed", async ({ page, request }) => {
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

    const profile = (await page.getByRole("banner").locator('a[href^="/members/"]').first().getAttribute("href"))!;
    const feedOf = async (url: string): Promise<XmlElement> => {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      return childNamed(parseXmlStrict(await response.text()), "feed");
    };
    for (const url of ["/stories/feed.xml", "/starting-points/improving-work-practice/feed.xml", `${profile}/feed.xml`]) {
      const feed = await feedOf(url);
      const entries = childrenNamed(feed, "entry").filter((entry) => childNamed(entry, "title").text === title);
      expect(entries, url).toHaveLength(1);
      const [entry] = entries;
      expect(childNamed(entry, "title").attributes.type).toBe("text");
      expect(childNamed(entry, "summary").text).toBe(summary);
      expect(childNamed(childNamed(entry, "author"), "name").text).toBe(member.name);
      expect(childrenNamed(entry, "link").map((link) => link.attributes.href)).toEqual([expect.stringMatching(new RegExp(`${path}$`))]);
      expect(childNamed(entry, "content").text).toMatch(/Two \]\](>|&gt;) sections \]\](>|&gt;) and (&lt;|&#x3C;)!\[CDATA\[ an opener/);
    }
    const comments = await feedOf(`${path}/comments.xml`);
    expect(childNamed(comments, "title").text).toContain(title);
    const [entry] = childrenNamed(comments, "entry");
    expect(childNamed(entry, "content").text).toMatch(/A comment \]\](>|&gt;) with/);
    expect(childNamed(childNamed(entry, "author"), "name").text).toBe(member.name);
  });
});
