import type { APIRequestContext, Page } from "@playwright/test";
import { expect, newMemberPage, test, writeStory } from "./fixtures";

const meta = (page: Page, key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`);

/** Fetches a share image and checks it is a 1200×630 PNG with real content. */
async function expectShareImage(request: APIRequestContext, url: string) {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  const png = await response.body();
  expect(png.length).toBeGreaterThan(10_000);
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  // IHDR: width and height, big-endian, right after the signature and chunk header.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
}

test.describe("sharing: Open Graph and Twitter cards", () => {
  test("a published story has card metadata and a generated share image", async ({ page, request }) => {
    const list = await (await request.get("/api/v1/stories?limit=50")).json();
    const story = (list.data as { slug: string; title: string; summary: string; isExample: boolean }[]).find(
      (s) => s.isExample && s.summary,
    );
    expect(story, "a seeded example story").toBeTruthy();
    if (!story) return;

    await page.goto(`/stories/${story.slug}`);
    await expect(meta(page, "og:title")).toHaveAttribute("content", story.title);
    await expect(meta(page, "og:description")).toHaveAttribute("content", story.summary);
    await expect(meta(page, "og:type")).toHaveAttribute("content", "article");
    await expect(meta(page, "og:site_name")).toHaveAttribute("content", "Vertrekpunt");
    await expect(meta(page, "og:url")).toHaveAttribute("content", new RegExp(`/stories/${story.slug}$`));
    await expect(meta(page, "og:image")).toHaveAttribute(
      "content",
      new RegExp(`/stories/${story.slug}/opengraph-image`),
    );
    await expect(meta(page, "og:image:width")).toHaveAttribute("content", "1200");
    await expect(meta(page, "og:image:height")).toHaveAttribute("content", "630");
    await expect(meta(page, "twitter:card")).toHaveAttribute("content", "summary_large_image");
    await expect(meta(page, "twitter:title")).toHaveAttribute("content", story.title);
    await expect(meta(page, "twitter:description")).toHaveAttribute("content", story.summary);

    const image = await meta(page, "og:image").getAttribute("content");
    await expect(meta(page, "twitter:image")).toHaveAttribute("content", image ?? "");
    await expectShareImage(request, image ?? "");
  });

  test("a starting point and an intersection of two have cards and share images", async ({
    page,
    request,
  }) => {
    await page.goto("/starting-points/using-knowledge");
    await expect(meta(page, "og:title")).toHaveAttribute(
      "content",
      "Making use of knowledge in the organisation",
    );
    await expect(meta(page, "og:description")).toHaveAttribute("content", /\S/);
    await expect(meta(page, "og:type")).toHaveAttribute("content", "website");
    await expect(meta(page, "og:url")).toHaveAttribute("content", /\/starting-points\/using-knowledge$/);
    await expect(meta(page, "twitter:card")).toHaveAttribute("content", "summary_large_image");
    await expectShareImage(request, (await meta(page, "og:image").getAttribute("content")) ?? "");

    await page.goto("/starting-points/using-knowledge+learning-with-outside-world");
    await expect(meta(page, "og:title")).toHaveAttribute(
      "content",
      "Making use of knowledge in the organisation + Learning from and with the outside world",
    );
    await expect(meta(page, "twitter:card")).toHaveAttribute("content", "summary_large_image");
    await expectShareImage(request, (await meta(page, "og:image").getAttribute("content")) ?? "");

    expect((await request.get("/starting-points/nope/opengraph-image")).status()).toBe(404);
    expect((await request.get("/starting-points/using-knowledge+nope/opengraph-image")).status()).toBe(404);
    expect((await request.get("/stories/no-such-story/opengraph-image")).status()).toBe(404);
  });

  test("a draft has no share image, not even for its author", async ({ browser, request }) => {
    const author = await newMemberPage(browser, "Drafter");
    try {
      const path = await writeStory(
        author.page,
        { title: `Unshared draft ${Date.now()}`, summary: "Not for sharing yet." },
        "Save draft",
      );
      // The author sees the draft, without an image tag pointing at a missing image.
      await expect(meta(author.page, "og:title")).toHaveAttribute("content", /^Unshared draft/);
      await expect(meta(author.page, "og:image")).toHaveCount(0);
      await expect(meta(author.page, "twitter:image")).toHaveCount(0);

      // Images are public: the route never looks at the session, so it is 404 for everyone.
      expect((await request.get(`${path}/opengraph-image`)).status()).toBe(404);
      expect((await author.page.request.get(`${path}/opengraph-image`)).status()).toBe(404);
    } finally {
      await author.close();
    }
  });
});
