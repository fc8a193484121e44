import { parseFeed } from "@rowanmanning/feed-parser";
import { expect, signUp, test, writeStory } from "./fixtures";

test.describe("feeds and sitemap", () => {
  test("Atom feeds list published stories and comments, never drafts, and pages link to them", async ({
    page,
    request,
  }) => {
    const member = await signUp(page);
    const title = `Feed story ${Date.now()}`;
    const path = await writeStory(page, {
      title,
      startingPoints: ["Learning from and with the outside world"],
    });
    await page.getByLabel("Comment").fill("A comment for the feed.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("heading", { name: "Comments (1)" })).toBeVisible();
    const draftTitle = `Feed draft ${Date.now()}`;
    await writeStory(page, { title: draftTitle }, "Save draft");

    const feedOf = async (url: string) => {
      const response = await request.get(url);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain("application/atom+xml");
      return parseFeed(await response.text());
    };

    const all = await feedOf("/stories/feed.xml");
    expect(all.meta.type).toBe("atom");
    const entry = all.items.find((item) => item.title === title);
    expect(entry?.url).toMatch(new RegExp(`${path}$`));
    expect(entry?.authors.map((a) => a.name)).toEqual([member.name]);
    expect(entry?.categories.map((c) => c.term)).toEqual(["learning-with-outside-world"]);
    expect(all.items.some((item) => item.title === draftTitle)).toBe(false);

    const tagged = await feedOf("/starting-points/learning-with-outside-world/feed.xml");
    expect(tagged.items.some((item) => item.title === title)).toBe(true);
    const other = await feedOf("/starting-points/using-knowledge/feed.xml");
    expect(other.items.some((item) => item.title === title)).toBe(false);

    const memberFeed = await feedOf(`/members/${member.name.toLowerCase().replace(/ /g, "-")}/feed.xml`);
    expect(memberFeed.items.map((item) => item.title)).toEqual([title]);

    const comments = await feedOf(`${path}/comments.xml`);
    expect(comments.items).toHaveLength(1);
    expect(comments.items[0].content).toContain("A comment for the feed.");

    expect((await request.get("/starting-points/nope/feed.xml")).status()).toBe(404);

    await page.goto(path);
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "href",
      /\/comments\.xml$/,
    );
    await page.goto("/");
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "href",
      /\/stories\/feed\.xml$/,
    );
  });

  test("sitemap.xml lists published stories and robots.txt points to it", async ({ page, request }) => {
    await signUp(page);
    const path = await writeStory(page, { title: `Sitemap story ${Date.now()}` });
    const sitemap = await (await request.get("/sitemap.xml")).text();
    expect(sitemap).toContain("<urlset");
    expect(sitemap).toContain(`${path}</loc>`);
    expect(sitemap).toContain("/starting-points/using-knowledge</loc>");
    const robots = await (await request.get("/robots.txt")).text();
    expect(robots).toMatch(/Sitemap: http:\/\/[^\s]+\/sitemap\.xml/);
    expect(robots).toContain("Disallow: /stories/new");
  });
});
