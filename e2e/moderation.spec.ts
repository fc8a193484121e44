import type { Browser, Page } from "@playwright/test";
import {
  ADMIN,
  expect,
  MODERATOR,
  newMemberPage,
  signIn,
  signUp,
  test,
  uniqueMember,
  writeStory,
} from "./fixtures";

async function staffPage(browser: Browser, who: typeof MODERATOR) {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, who);
  return { page, close: () => context.close() };
}

async function report(page: Page, path: string, link: string | RegExp, reason: string, note = "") {
  await page.goto(path);
  await page
    .getByRole("link", typeof link === "string" ? { name: link, exact: true } : { name: link })
    .first()
    .click();
  await page.getByLabel(reason).check();
  if (note) await page.getByLabel("Explanation").fill(note);
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByText("Thank you. The moderators will look at it.")).toBeVisible();
}

/** The signed-in member's handle, from the header link to their profile. */
async function handleOf(page: Page, name: string): Promise<string> {
  const href = await page.getByRole("link", { name, exact: true }).first().getAttribute("href");
  return (href ?? "").replace("/members/", "");
}

/** The queue item of one piece of content on /moderation. */
const queueItem = (page: Page, text: string) =>
  page
    .getByRole("listitem")
    .filter({ hasText: text })
    .filter({ has: page.getByRole("button", { name: "Carry out" }) });

test.describe("moderation", () => {
  // Several members sign up per test; on two busy cores that takes longer than the default.
  test.describe.configure({ timeout: 120_000 });

  test("reports from three members hide a story until a moderator dismisses them; the public log says so", async ({
    page,
    browser,
  }) => {
    const title = `A story three members report ${Date.now()}`;
    await signUp(page, uniqueMember("Reported"));
    const path = await writeStory(page, { title });
    // Authors cannot report their own story.
    await expect(page.getByRole("link", { name: "Report this story" })).toHaveCount(0);

    const reporters = await Promise.all([
      newMemberPage(browser, "ReporterA"),
      newMemberPage(browser, "ReporterB"),
      newMemberPage(browser, "ReporterC"),
    ]);
    await report(reporters[0].page, path, "Report this story", "Spam or advertising");
    await report(
      reporters[1].page,
      path,
      "Report this story",
      "Something else",
      "It is an advert for a product.",
    );
    await reporters[1].page.goto(path);
    await expect(reporters[1].page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await report(reporters[2].page, path, "Report this story", "Offensive or abusive");

    // Hidden now: others get a 404, the author sees why.
    const gone = await reporters[0].page.goto(path);
    expect(gone?.status()).toBe(404);
    await page.goto(path);
    await expect(page.getByText("This story was hidden after several reports")).toBeVisible();
    await page.goto("/notifications");
    await expect(page.getByText(`Your story “${title}” was hidden after several reports`)).toBeVisible();

    const moderator = await staffPage(browser, MODERATOR);
    await moderator.page.goto("/moderation");
    const item = queueItem(moderator.page, title);
    await expect(item.getByText("3 members reported this")).toBeVisible();
    await expect(item.getByText("It is an advert for a product.")).toBeVisible();
    // Reporters are never named.
    for (const reporter of reporters) await expect(item).not.toContainText(reporter.member.name);
    await item.getByLabel("Dismiss the reports").check();
    await item.getByRole("button", { name: "Carry out" }).click();
    await expect(moderator.page.getByText("Done.")).toBeVisible();

    expect((await reporters[0].page.goto(path))?.status()).toBe(200);
    await reporters[0].page.goto("/moderation-log");
    await expect(reporters[0].page.getByRole("listitem").filter({ hasText: title }).first()).toContainText(
      "hidden after reports",
    );

    await moderator.close();
    for (const reporter of reporters) await reporter.close();
  });

  test("a moderator hides a comment with a reason the author is told; the public log names the reason, not the reporter", async ({
    page,
    browser,
  }) => {
    const author = await newMemberPage(browser, "StoryOwner");
    const title = `A story with a bad comment ${Date.now()}`;
    const path = await writeStory(author.page, { title });
    await author.close();

    await signUp(page, uniqueMember("Spammer"));
    await page.goto(path);
    const spam = `Buy cheap watches at example.com ${Date.now()}`;
    await page.getByLabel("Comment").fill(spam);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByText(spam)).toBeVisible();

    const reader = await newMemberPage(browser, "CommentReporter");
    // A comment's controls name whose comment they act on.
    await report(reader.page, path, /^Report \(from Spammer /, "Spam or advertising");

    const moderator = await staffPage(browser, MODERATOR);
    await moderator.page.goto("/moderation");
    const item = queueItem(moderator.page, spam);
    await item.getByLabel("Hide").check();
    await item.getByRole("button", { name: "Carry out" }).click();
    // A hide needs a reason: the form says so and keeps the choice.
    await expect(
      item.getByRole("link", { name: /^Reason \(the member sees it\): This field is required/ }),
    ).toBeVisible();
    await item.getByLabel("Reason (the member sees it)").fill("Advertising is not allowed here.");
    await item.getByRole("button", { name: "Carry out" }).click();
    await expect(moderator.page.getByText("Done.")).toBeVisible();

    await reader.page.goto(path);
    await expect(reader.page.getByText("This comment was hidden by the moderators.")).toBeVisible();
    await expect(reader.page.getByText(spam)).toHaveCount(0);
    await expect(reader.page.getByText("Advertising is not allowed here.")).toHaveCount(0);

    await page.goto(path);
    await expect(
      page.getByText("Reason given to its author: Advertising is not allowed here."),
    ).toBeVisible();
    await page.goto("/notifications");
    await expect(page.getByText("Moderators hid your comment on")).toBeVisible();
    await expect(page.getByText("Reason: Advertising is not allowed here.")).toBeVisible();
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(page.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);

    await reader.page.goto("/moderation-log");
    const entry = reader.page
      .getByRole("listitem")
      .filter({ hasText: "Advertising is not allowed here." })
      .first();
    await expect(entry).toContainText("by E2E Moderator");
    await expect(entry).toContainText(`hidden: A comment on “${title}”`);
    await expect(entry).not.toContainText(reader.member.name);
    await moderator.close();
    await reader.close();
  });

  test("a suspended member is signed out at the next request and told until when", async ({
    page,
    browser,
  }) => {
    const member = await signUp(page, uniqueMember("ToSuspend"));
    const handle = await handleOf(page, member.name);

    const reporter = await newMemberPage(browser, "ProfileReporter");
    await report(reporter.page, `/members/${handle}`, "Report this profile", "Spam or advertising");
    await reporter.close();

    const moderator = await staffPage(browser, MODERATOR);
    await moderator.page.goto("/moderation");
    const item = queueItem(moderator.page, `@${handle}`);
    await item.getByLabel("Suspend the author").check();
    await item.getByLabel("Suspension").selectOption({ label: "7 days" });
    await item.getByLabel("Reason (the member sees it)").fill("Spam accounts are suspended.");
    await item.getByRole("button", { name: "Carry out" }).click();
    await expect(moderator.page.getByText("Done.")).toBeVisible();
    await moderator.close();

    // The open session ends at the next request.
    await page.goto("/stories");
    await expect(
      page.getByRole("alert").filter({ hasText: "Your account is suspended until" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Write a story" })).toHaveCount(0);
    expect((await page.goto("/stories/new")) && new URL(page.url()).pathname).toBe("/signin");

    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The form says it (the header's banner may say it too, while the old session cookie lingers).
    await expect(
      page
        .getByRole("main")
        .getByText(
          /Your account is suspended until \d{1,2} \w+ \d{4}|Your account is suspended until \w+ \d{1,2}, \d{4}/,
        ),
    ).toBeVisible();
  });

  test("an admin appoints a moderator, who then reaches the queue; members cannot reach it", async ({
    page,
    browser,
  }) => {
    const member = await signUp(page, uniqueMember("Appointee"));
    const handle = await handleOf(page, member.name);
    expect((await page.goto("/moderation"))?.status()).toBe(404);
    expect((await page.goto("/admin"))?.status()).toBe(404);

    const admin = await staffPage(browser, ADMIN);
    await admin.page.goto(`/admin?q=${encodeURIComponent(member.email)}`);
    await admin.page.getByLabel(`Role of ${member.name}`).selectOption({ label: "Moderator" });
    await admin.page.getByRole("button", { name: "Save role" }).click();
    await expect(admin.page.getByText("Role saved.")).toBeVisible();
    await admin.page.goto("/admin/audit");
    await expect(
      admin.page
        .getByRole("row")
        .filter({ hasText: `@${handle}` })
        .first(),
    ).toContainText('{"role":"moderator"}');
    await admin.close();

    await page.goto("/moderation");
    await expect(page.getByRole("heading", { level: 1, name: "Moderation" })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Moderation( \(\d+\))?$/ })).toBeVisible();
  });

  test("signing out on all devices ends the other sessions too", async ({ page, browser }) => {
    const member = await signUp(page, uniqueMember("TwoDevices"));
    const other = await browser.newContext({ locale: "en-GB" });
    const otherPage = await other.newPage();
    await signIn(otherPage, member);
    await expect(otherPage.getByRole("link", { name: member.name })).toBeVisible();

    await page.getByRole("link", { name: member.name }).click();
    await page.getByRole("button", { name: "Sign out on all devices" }).click();
    await expect(page.getByText("You were signed out on all devices.")).toBeVisible();

    await otherPage.goto("/stories");
    await expect(otherPage.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(otherPage.getByRole("link", { name: member.name })).toHaveCount(0);
    await other.close();
  });
});
