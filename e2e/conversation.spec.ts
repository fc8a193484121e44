import type { Browser, Locator, Page } from "@playwright/test";
import {
  expect,
  expectNoSeriousViolations,
  MODERATOR,
  newMemberPage,
  signIn,
  signUp,
  test,
  uniqueMember,
  writeStory,
} from "./fixtures";

/** A comment's own card (not its thread): the element its permalink targets. */
const card = (page: Page, text: string): Locator =>
  page.locator('div[id^="comment-"]').filter({ hasText: text }).first();

/** The id of the element the URL's fragment points at, as CSS `:target` sees it. */
const targetId = (page: Page) => page.evaluate(() => document.querySelector(":target")?.id ?? null);

async function postComment(page: Page, text: string) {
  await page.getByLabel("Comment", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(card(page, text)).toBeVisible();
}

async function reply(page: Page, to: string, text: string) {
  await card(page, to)
    .getByRole("button", { name: /^Reply \(from / })
    .click();
  const field = card(page, to).getByLabel("Your reply");
  await expect(field).toBeFocused();
  await field.fill(text);
  await card(page, to).getByRole("button", { name: "Post reply" }).click();
  // Shown rendered: the Markdown's asterisks are gone.
  await expect(card(page, text.replaceAll("**", ""))).toBeVisible();
  // The form closes after posting.
  await expect(card(page, to).getByLabel("Your reply")).toHaveCount(0);
}

async function moderatorPage(browser: Browser) {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, MODERATOR);
  return { page, close: () => context.close() };
}

test.describe("conversation", () => {
  // Several members sign up per test; on two busy cores that takes longer than the default.
  test.describe.configure({ timeout: 120_000 });

  test("members reply in threads one level deep, quoting whom they answer; threads fold; permalinks highlight", async ({
    page,
    browser,
    request,
  }) => {
    await signUp(page, uniqueMember("Author"));
    const path = await writeStory(page, { title: `A story to discuss ${Date.now()}` });

    const ann = await newMemberPage(browser, "Ann");
    await ann.page.goto(path);
    await postComment(ann.page, "How did you get the managers on board?");

    const bob = await newMemberPage(browser, "Bob");
    await bob.page.goto(path);
    await reply(
      bob.page,
      "How did you get the managers on board?",
      "We had the same question in our network.",
    );

    await page.goto(path);
    await reply(
      page,
      "We had the same question in our network.",
      "**Slowly**: we invited them to the first meetup and let them listen.",
    );
    await expect(page.getByRole("heading", { name: "Comments (3)" })).toBeVisible();

    // The answer joined the thread (not a third level) and says whom it answers, with a quote.
    const thread = page
      .locator("li")
      .filter({ has: card(page, "How did you get the managers on board?") })
      .first();
    const replies = thread.locator("ol > li");
    await expect(replies).toHaveCount(2);
    await expect(replies.nth(1).locator("ol")).toHaveCount(0);
    const answer = card(page, "Slowly: we invited them");
    await expect(answer.locator("strong", { hasText: "Slowly" })).toBeVisible();
    const quote = answer.getByRole("link", { name: `In reply to ${bob.member.name}` });
    await expect(answer.getByText("We had the same question in our network.")).toBeVisible();

    // The quote links to the reply it answers, which is highlighted.
    await quote.click();
    const bobsReplyId = await card(page, "We had the same question in our network.").getAttribute("id");
    await expect.poll(() => targetId(page)).toBe(bobsReplyId);
    await expect(card(page, "We had the same question in our network.")).toHaveCSS(
      "background-color",
      "rgb(238, 247, 246)",
    );

    // Hiding and showing the thread's replies.
    const toggle = thread.getByRole("button", { name: "Hide 2 replies" });
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const controlled = await toggle.getAttribute("aria-controls");
    await toggle.click();
    await expect(thread.getByRole("button", { name: "Show 2 replies" })).toHaveAttribute(
      "aria-expanded",
      "false",
    );
    await expect(page.locator(`#${controlled}`)).toBeHidden();
    await expect(card(page, "Slowly: we invited them")).toBeHidden();
    // A link to a reply in a folded thread unfolds it.
    const answerId = await answer.getAttribute("id");
    await page.evaluate((id) => (window.location.hash = id), answerId ?? "");
    await expect(card(page, "Slowly: we invited them")).toBeVisible();
    await expect(thread.getByRole("button", { name: "Hide 2 replies" })).toHaveAttribute(
      "aria-expanded",
      "true",
    );

    // Each comment's "Link" is its permalink: a redirect to the right page, then highlighted.
    const permalink = await card(page, "We had the same question in our network.")
      .getByRole("link", { name: /^Link \(from / })
      .getAttribute("href");
    expect(permalink).toBe(`${path}/comments/${bobsReplyId?.replace("comment-", "")}`);
    const response = await request.get(permalink!, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).toContain(`${path}#${bobsReplyId}`);
    await ann.page.goto(permalink!);
    await expect(ann.page).toHaveURL(new RegExp(`${path}#${bobsReplyId}$`));
    expect(await targetId(ann.page)).toBe(bobsReplyId);

    // Threads, useful buttons and an open reply form pass axe's serious and critical checks.
    await card(ann.page, "We had the same question in our network.")
      .getByRole("button", { name: /^Reply \(from / })
      .click();
    await expectNoSeriousViolations(ann.page);
    // Cancelling closes the form and gives the focus back to "Reply".
    await card(ann.page, "We had the same question in our network.")
      .getByRole("button", { name: "Cancel" })
      .click();
    await expect(
      card(ann.page, "We had the same question in our network.").getByRole("button", {
        name: /^Reply \(from /,
      }),
    ).toBeFocused();

    await ann.close();
    await bob.close();
  });

  test("a reply and a useful mark work without JavaScript", async ({ page, browser }) => {
    await signUp(page, uniqueMember("Author"));
    const path = await writeStory(page, { title: `A story without scripts ${Date.now()}` });
    await postComment(page, "The author starts the conversation.");

    const reader = await newMemberPage(browser, "Plain");
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: "en-GB",
      storageState: await reader.page.context().storageState(),
    });
    const plain = await context.newPage();
    await plain.goto(path);
    // Without JavaScript there is nothing to fold, and "Reply" is a link to the form.
    await card(plain, "The author starts the conversation.").getByRole("link", { name: "Reply" }).click();
    await expect(plain).toHaveURL(/reply=/);
    await plain.getByLabel("Your reply").fill("Answered with a plain form post.");
    await plain.getByRole("button", { name: "Post reply" }).click();
    await expect(card(plain, "Answered with a plain form post.")).toBeVisible();
    await expect(plain.getByRole("heading", { name: "Comments (2)" })).toBeVisible();

    const useful = plain.getByRole("button", { name: "Useful · 0" }).first();
    await expect(useful).toHaveAttribute("aria-pressed", "false");
    await useful.click();
    await expect(plain.getByRole("button", { name: "Useful · 1" })).toHaveAttribute("aria-pressed", "true");
    await context.close();
    await reader.close();
  });

  test("readers mark stories and comments useful, once each; authors and visitors see the count", async ({
    page,
    browser,
  }) => {
    await signUp(page, uniqueMember("Author"));
    const path = await writeStory(page, { title: `A useful story ${Date.now()}` });
    await postComment(page, "A comment by the author.");
    // Authors see counts, not buttons.
    await expect(page.getByRole("button", { name: /^Useful/ })).toHaveCount(0);
    await expect(page.getByText("Useful · 0")).toHaveCount(2);

    const reader = await newMemberPage(browser, "Reader");
    await reader.page.goto(path);
    const storyUseful = reader.page.getByRole("button", { name: /^Useful/ }).first();
    await expect(storyUseful).toHaveText("Useful · 0");
    const storySaved = reader.page.waitForResponse(
      (response) => response.request().method() === "POST" && response.ok(),
    );
    await storyUseful.click();
    await expect(storyUseful).toHaveAttribute("aria-pressed", "true");
    await expect(storyUseful).toHaveText("Useful · 1");
    await storySaved;
    const commentUseful = card(reader.page, "A comment by the author.").getByRole("button", {
      name: /^Useful/,
    });
    // The button shows the new state while the action is still on its way: wait for the
    // server's answer before reloading, or the reload could overtake it.
    const saved = reader.page.waitForResponse(
      (response) => response.request().method() === "POST" && response.ok(),
    );
    await commentUseful.click();
    await expect(commentUseful).toHaveText("Useful · 1");
    await saved;
    await reader.page.reload();
    await expect(storyUseful).toHaveAttribute("aria-pressed", "true");
    await expect(commentUseful).toHaveAttribute("aria-pressed", "true");
    // Clicking again takes the mark back.
    const takenBack = reader.page.waitForResponse(
      (response) => response.request().method() === "POST" && response.ok(),
    );
    await storyUseful.click();
    await expect(storyUseful).toHaveAttribute("aria-pressed", "false");
    await expect(storyUseful).toHaveText("Useful · 0");
    await takenBack;
    await reader.close();

    await page.reload();
    await expect(card(page, "A comment by the author.").getByText("Useful · 1")).toBeVisible();
    const visitor = await browser.newContext({ locale: "en-GB" });
    const anonymous = await visitor.newPage();
    await anonymous.goto(path);
    await expect(anonymous.getByRole("button", { name: /^Useful/ })).toHaveCount(0);
    await expect(card(anonymous, "A comment by the author.").getByText("Useful · 1")).toBeVisible();
    await visitor.close();
  });

  test("the author switches comments off and a moderator locks the thread; comments stay readable", async ({
    page,
    browser,
  }) => {
    await signUp(page, uniqueMember("Author"));
    const path = await writeStory(page, { title: `A story that closes ${Date.now()}` });
    const reader = await newMemberPage(browser, "Reader");
    await reader.page.goto(path);
    await postComment(reader.page, "Said before it closed.");

    await page.reload();
    await page.getByRole("button", { name: "Switch comments off" }).click();
    await expect(page.getByText("The author has switched comments off.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Switch comments on" })).toBeVisible();

    await reader.page.reload();
    await expect(reader.page.getByText("The author has switched comments off.")).toBeVisible();
    await expect(reader.page.getByLabel("Comment", { exact: true })).toHaveCount(0);
    await expect(reader.page.getByRole("button", { name: /^Reply \(from / })).toHaveCount(0);
    await expect(card(reader.page, "Said before it closed.")).toBeVisible();
    await expect(
      card(reader.page, "Said before it closed.").getByRole("button", { name: "Edit" }),
    ).toHaveCount(0);

    await page.getByRole("button", { name: "Switch comments on" }).click();
    await expect(page.getByLabel("Comment", { exact: true })).toBeVisible();

    const moderator = await moderatorPage(browser);
    await moderator.page.goto(path);
    await moderator.page.getByRole("button", { name: "Lock thread" }).click();
    await expect(moderator.page.getByText("This thread is locked by a moderator.")).toBeVisible();
    // The lock binds moderators too, until they unlock.
    await expect(moderator.page.getByLabel("Comment", { exact: true })).toHaveCount(0);
    await expect(moderator.page.getByRole("button", { name: "Unlock thread" })).toBeVisible();

    await reader.page.reload();
    await expect(reader.page.getByText("This thread is locked by a moderator.")).toBeVisible();
    await expect(reader.page.getByRole("button", { name: /^Reply \(from / })).toHaveCount(0);
    await expect(card(reader.page, "Said before it closed.")).toBeVisible();
    // The author cannot lift a moderator's lock.
    await page.reload();
    await expect(page.getByRole("button", { name: /Unlock thread/ })).toHaveCount(0);

    await moderator.page.getByRole("button", { name: "Unlock thread" }).click();
    await expect(moderator.page.getByLabel("Comment", { exact: true })).toBeVisible();
    await moderator.close();
    await reader.close();
  });

  test("the comment form previews Markdown as readers will see it", async ({ page }) => {
    await signUp(page, uniqueMember("Previewer"));
    await writeStory(page, { title: `A story to preview a comment on ${Date.now()}` });
    await page
      .getByLabel("Comment", { exact: true })
      .fill("Some **bold** words and <script>alert(1)</script>");
    await page.getByRole("button", { name: "Preview" }).click();
    const preview = page.getByRole("region", { name: "Preview, as readers will see it" });
    await expect(preview.locator("strong", { hasText: "bold" })).toBeVisible();
    await expect(preview.locator("script")).toHaveCount(0);
    await page.getByRole("button", { name: "Write" }).click();
    await expect(page.getByLabel("Comment", { exact: true })).toHaveValue(
      "Some **bold** words and <script>alert(1)</script>",
    );
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(card(page, "Some bold words")).toBeVisible();
    // Back on "Write", empty, after posting.
    await expect(page.getByLabel("Comment", { exact: true })).toHaveValue("");
  });
});
