import { expect, newMemberPage, signUp, test, uniqueMember, writeStory } from "./fixtures";

/*
 * The reads behind public pages are cached across requests (lib/cache/reads.ts). These tests
 * read the pages as an anonymous visitor with plain HTTP requests (no cookies, no browser
 * cache) before and after a member changes something: the next anonymous request must show the
 * change, and a page a member saw first must not carry anything of theirs to the next visitor.
 */

test.describe("cached pages", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a new comment, an edit and a new story show on the very next anonymous request", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    await signUp(page, uniqueMember("Cacher"));
    const title = `Cached story ${Date.now()}`;
    const storyPath = await writeStory(page, { title });

    // Warm every cached read this story appears in.
    for (const path of [
      storyPath,
      "/stories",
      "/",
      "/starting-points/improving-work-practice",
      "/api/v1/stories",
    ]) {
      expect((await anonymous.get(path)).status()).toBe(200);
    }
    const cardText = async () => {
      const html = await (await anonymous.get("/stories")).text();
      const start = html.indexOf(title);
      return html.slice(start, start + 2_000);
    };
    expect(await cardText()).toContain(title);

    const comment = `Fresh comment ${Date.now()}`;
    await page.getByLabel("Comment", { exact: true }).fill(comment);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByText(comment)).toBeVisible();

    expect(await (await anonymous.get(storyPath)).text()).toContain(comment);
    expect(await cardText()).toMatch(/1 comment/);

    // An edit of the title reaches the story page, the listings and the API at once.
    const edited = `${title} (edited)`;
    await page.goto(`${storyPath}/edit`);
    await page.getByLabel("Title").fill(edited);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/edit"));
    for (const path of [
      page.url().replace(/^https?:\/\/[^/]+/, ""),
      "/stories",
      "/",
      "/starting-points/improving-work-practice",
      "/api/v1/stories",
    ]) {
      expect(await (await anonymous.get(path)).text(), path).toContain(edited);
    }

    // A story published after the listings were cached shows in them on the next request.
    const second = `Second cached story ${Date.now()}`;
    await writeStory(page, { title: second });
    for (const path of ["/stories", "/", "/starting-points/improving-work-practice"]) {
      expect(await (await anonymous.get(path)).text(), path).toContain(second);
    }
    await anonymous.dispose();
  });

  test("pages a member saw first carry nothing of theirs to an anonymous visitor", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const member = await newMemberPage(browser, "Private");
    const title = `Story read privately ${Date.now()}`;
    const storyPath = await writeStory(member.page, { title });
    const pages = [storyPath, "/stories", "/", "/starting-points/improving-work-practice"];
    // The member fills the caches: every page once, signed in.
    for (const path of pages) {
      await member.page.goto(path);
      await expect(member.page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
    }

    const anonymous = await playwright.request.newContext({ baseURL });
    for (const path of pages) {
      const html = await (await anonymous.get(path)).text();
      // The header as a visitor sees it: sign-in links, no sign-out button, no bell or settings.
      // (Words alone would not do: the messages for client components are in every page.)
      expect(html, path).toContain('href="/signin"');
      expect(html, path).not.toMatch(/>\s*Sign out\s*</);
      expect(html, path).not.toContain('href="/notifications"');
      expect(html, path).not.toContain('href="/settings"');
      expect(html, path).not.toContain(member.member.email);
      // Only the author may edit: no edit link, no delete button for the visitor.
      expect(html, path).not.toContain(`${storyPath}/edit`);
    }
    await anonymous.dispose();
    await member.close();
  });
});
