import { expect, fillStoryForm, newMemberPage, signUp, test, writeStory } from "./fixtures";

test.describe("publishing and browsing", () => {
  test("a new member publishes a story with two starting points, found under both and not others", async ({
    page,
  }) => {
    const member = await signUp(page);
    const title = `Two starting points ${Date.now()}`;
    const path = await writeStory(page, {
      title,
      organisation: "Neighbourhood care network",
      summary: "How a care network set out together.",
      trigger: "Colleagues were spread over three cities.",
      tools: "WhatsApp, blog",
      startingPoints: ["Improving the work practice", "Making use of knowledge in the organisation"],
    });
    expect(path).toMatch(/^\/stories\/two-starting-points-\d+-[0-9a-f]{6}$/);

    // The story page shows what the contract promises.
    await expect(page.getByText("Neighbourhood care network")).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: member.name })).toBeVisible();
    await expect(page.getByText("Colleagues were spread over three cities.")).toBeVisible();
    await expect(page.getByText("WhatsApp, blog")).toBeVisible();
    await expect(page.getByRole("link", { name: "Improving the work practice" })).toHaveAttribute(
      "href",
      "/starting-points/improving-work-practice",
    );
    await expect(
      page.getByRole("link", { name: "Making use of knowledge in the organisation" }),
    ).toBeVisible();

    for (const slug of ["improving-work-practice", "using-knowledge"]) {
      await page.goto(`/starting-points/${slug}`);
      await expect(page.getByRole("link", { name: title })).toBeVisible();
    }
    for (const slug of ["collaborating-across-boundaries", "learning-with-outside-world"]) {
      await page.goto(`/starting-points/${slug}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("link", { name: title })).toHaveCount(0);
    }

    // Filters on /stories: a story must carry every chosen starting point.
    await page.goto("/stories?sp=improving-work-practice&sp=using-knowledge");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await page.goto("/stories?sp=improving-work-practice&sp=learning-with-outside-world");
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);

    // The intersection page of the two, linked from the model's overlap figures.
    await page.goto("/starting-points");
    await page
      .getByRole("link", {
        name: /^Improving the work practice \+ Making use of knowledge in the organisation: \d+ stor/,
      })
      .click();
    await expect(page).toHaveURL(/\/starting-points\/improving-work-practice\+using-knowledge$/);
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await page.goto("/starting-points/improving-work-practice+learning-with-outside-world");
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
    expect((await page.goto("/starting-points/improving-work-practice+nope"))?.status()).toBe(404);

    // And on the member's profile.
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: member.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: member.name })).toBeVisible();
    await expect(page.getByRole("link", { name: title })).toBeVisible();
  });

  test("the home page shows the four starting points with counts and the latest stories", async ({
    page,
  }) => {
    await page.goto("/");
    // Four from the book; accepted proposals (another test) may add more.
    const cards = page.getByRole("region", { name: "The starting points" }).getByRole("listitem");
    expect(await cards.count()).toBeGreaterThanOrEqual(4);
    await expect(cards.first()).toContainText("Improving the work practice");
    await expect(cards.first()).toContainText(/\d+ stor(y|ies)/);
    await expect(
      page.getByRole("region", { name: "Latest stories" }).getByRole("article").first(),
    ).toBeVisible();
    // A click that lands while the page is still hydrating can be lost on a loaded machine (seen
    // once in CI on PostgreSQL): the reader clicks again, and so does the test.
    await expect(async () => {
      await page.getByRole("link", { name: "Collaborating across boundaries" }).first().click();
      await expect(page).toHaveURL(/\/starting-points\/collaborating-across-boundaries$/, { timeout: 5_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole("link", { name: /Perspectivity network/ })).toBeVisible();
  });

  test("search finds stories by words in their body, with stemming", async ({ page }) => {
    await page.goto("/stories");
    await page.getByLabel("Search stories").fill("hospitals");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/q=hospitals/);
    await expect(
      page.getByRole("link", { name: /hospital uses an enterprise social network/i }),
    ).toBeVisible();
    // Other specs write hospital stories too (suggestions): at least this one is found.
    await expect(page.getByRole("heading", { name: /\d+ stor(y|ies) found/ })).toBeVisible();
    await expect(page.locator("main mark").first()).toHaveText(/hospital/i);
  });

  test("facets filter by language and organisation type, with counts, also without JavaScript", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/stories");
    await expect(page.locator("#facet-type-government-count")).toHaveText(/^\d+$/);
    await page.getByRole("checkbox", { name: "Government", exact: true }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/type=government/);
    await expect(page.getByRole("link", { name: /Algemene Rekenkamer starts a blog/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /hospital uses an enterprise social network/i })).toHaveCount(
      0,
    );
    // The book's examples can be read in Dutch as well (decision 030), so they stay.
    await page.getByRole("checkbox", { name: "Dutch", exact: true }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/lang=nl/);
    await expect(page.getByRole("link", { name: /Algemene Rekenkamer starts a blog/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /hospital uses an enterprise social network/i })).toHaveCount(
      0,
    );
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/stories$/);
    await context.close();
  });

  test("the model page shows the questions and how often starting points occur together", async ({
    page,
  }) => {
    await page.goto("/starting-points");
    await expect(page.getByRole("heading", { level: 1, name: "Starting points" })).toBeVisible();
    await expect(
      page.getByText("What was the important trigger in your organisation or network?"),
    ).toBeVisible();
    const table = page.getByRole("table", { name: /published stories that carry both/ });
    expect(await table.getByRole("rowheader").count()).toBeGreaterThanOrEqual(4);
    await expect(table.getByRole("rowheader").first()).toContainText("Improving the work practice");
  });

  test("signed-out writers are sent to sign in and come back to the form", async ({ page }) => {
    await page.goto("/stories/new");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fstories%2Fnew$/);
    // A new member signs up from there and lands back on the form.
    await page.getByRole("link", { name: "Sign up" }).last().click();
    await page.getByLabel("Name").fill("Returning writer");
    await page.getByLabel("Email").fill(`writer-${Date.now()}@example.org`);
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/stories\/new$/);
    await expect(page.getByRole("heading", { level: 1, name: "Write a story" })).toBeVisible();
  });

  test("the Markdown preview renders the story and scripts never run", async ({ page }) => {
    await signUp(page);
    await page.goto("/stories/new");
    const body =
      "## Our start\n\nWe used a **blog**. <script>window.__pwned = true</script>\n\n[click](javascript:window.__pwned=true) and [our site](https://example.org)";
    await page.getByLabel("Story", { exact: true }).fill(body);
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: "Preview of the story" });
    await expect(preview.getByRole("heading", { name: "Our start" })).toBeVisible();
    await expect(preview.locator("strong")).toHaveText("blog");
    await expect(preview.locator("script")).toHaveCount(0);
    await expect(preview.getByRole("link", { name: "our site" })).toHaveAttribute(
      "rel",
      "nofollow ugc noopener",
    );
    await expect(preview.getByText("click")).not.toHaveAttribute("href", /javascript/);

    await page.getByRole("button", { name: "Write" }).click();
    await fillStoryForm(page, { title: "A story with hostile markup", body });
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "A story with hostile markup" })).toBeVisible();
    await expect(page.locator("main script")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  });
});

test.describe("ownership", () => {
  test("another member comments, but cannot edit or delete the story", async ({ page, browser }) => {
    await signUp(page, undefined);
    const title = `Owned story ${Date.now()}`;
    const path = await writeStory(page, { title });

    const reader = await newMemberPage(browser);
    await reader.page.goto(path);
    await expect(reader.page.getByRole("heading", { name: "Comments (0)" })).toBeVisible();
    await reader.page.getByLabel("Comment").fill("Very recognisable: we started the same way.");
    await reader.page.getByRole("button", { name: "Post comment" }).click();
    await expect(reader.page.getByText("Very recognisable: we started the same way.")).toBeVisible();
    await expect(reader.page.getByRole("heading", { name: "Comments (1)" })).toBeVisible();
    await expect(reader.page.getByLabel("Comment")).toHaveValue("");

    // No edit controls for someone else's story, and the edit page is not there for them.
    await expect(reader.page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await expect(reader.page.getByRole("button", { name: "Delete" })).toHaveCount(1); // their own comment's
    const response = await reader.page.goto(`${path}/edit`);
    expect(response?.status()).toBe(404);
    await expect(reader.page.getByLabel("Title")).toHaveCount(0);
    await reader.close();

    // The author sees the comment and the count.
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Comments (1)" })).toBeVisible();
    await expect(page.getByText("Very recognisable: we started the same way.")).toBeVisible();
  });

  test("members edit and delete their own comments", async ({ page }) => {
    await signUp(page);
    const path = await writeStory(page, { title: `Comment editing ${Date.now()}` });
    await page.getByLabel("Comment").fill("First version of my comment");
    await page.getByRole("button", { name: "Post comment" }).click();
    const comment = page.getByRole("listitem").filter({ hasText: "First version of my comment" });
    await comment.getByRole("button", { name: "Edit" }).click();
    await comment.getByLabel("Comment").fill("Second version of my comment");
    await comment.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Second version of my comment")).toBeVisible();
    await expect(page.getByText("First version of my comment")).toHaveCount(0);

    page.once("dialog", (dialog) => dialog.accept());
    await page
      .getByRole("listitem")
      .filter({ hasText: "Second version of my comment" })
      .getByRole("button", { name: "Delete" })
      .click();
    await expect(page.getByText("Second version of my comment")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Comments (0)" })).toBeVisible();
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Comments (0)" })).toBeVisible();
  });

  test("authors edit and delete their own story", async ({ page }) => {
    await signUp(page);
    const path = await writeStory(page, { title: `Story to edit ${Date.now()}` });
    // Exact: related stories may have "edited" in their titles.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page).toHaveURL(`${path}/edit`);
    await expect(page.getByLabel("Title")).toHaveValue(/Story to edit/);
    await page.getByLabel("Title").fill("An edited title for this story");
    await page.getByRole("checkbox", { name: "Collaborating across boundaries" }).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(path);
    await expect(
      page.getByRole("heading", { level: 1, name: "An edited title for this story" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Collaborating across boundaries" })).toBeVisible();

    // Cancelling the confirmation keeps the story; accepting it deletes it.
    page.once("dialog", (dialog) => dialog.dismiss());
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "An edited title for this story" }),
    ).toBeVisible();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(/\/members\//);
    expect((await page.goto(path))?.status()).toBe(404);
  });

  test("drafts are visible to their author only", async ({ page, browser }) => {
    await signUp(page);
    const title = `Draft story ${Date.now()}`;
    const path = await writeStory(page, { title }, "Save draft");
    await expect(page.getByText("Draft", { exact: true })).toBeVisible();

    // Not in public listings, and 404 for anyone else.
    await page.goto("/stories");
    await expect(page.getByRole("link", { name: title })).toHaveCount(0);
    const reader = await newMemberPage(browser);
    expect((await reader.page.goto(path))?.status()).toBe(404);
    await reader.close();
    const anonymous = await browser.newContext();
    const anonymousPage = await anonymous.newPage();
    expect((await anonymousPage.goto(path))?.status()).toBe(404);
    await anonymous.close();

    // Publishing it from the edit page makes it public.
    await page.goto(`${path}/edit`);
    await page.getByRole("button", { name: "Publish" }).click();
    // Wait for the save to land on the story page: leaving earlier would cancel it.
    await page.waitForURL((url) => url.pathname === path);
    await expect(page.getByText("Draft", { exact: true })).toHaveCount(0);
    await page.goto("/stories");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
  });
});
