import {
  expect,
  expectNoSeriousViolations,
  mailTo,
  newMemberPage,
  signUp,
  test,
  uniqueMember,
  writeStory,
} from "./fixtures";

// No other spec publishes a new story with this starting point, so the follower's count is exact.
const SP = "Collaborating across boundaries";
const SP_PATH = "/starting-points/collaborating-across-boundaries";

test("a follower of a starting point hears of a new story there; opening the notification marks it read", async ({
  page,
  browser,
}) => {
  const follower = await newMemberPage(browser, "Follower");
  const a = follower.page;
  await a.goto(SP_PATH);
  await expect(a.getByRole("banner").getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  const follow = a.getByRole("button", { name: "Follow", exact: true });
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await follow.click();
  // The button shows "Following" while the post is under way; reloading then would race it.
  await expect(a.getByRole("button", { name: "Following" })).toHaveAttribute("aria-pressed", "true");
  await expect(a.getByRole("button", { name: "Following" })).not.toHaveAttribute("aria-busy");
  await a.reload();
  await expect(a.getByRole("button", { name: "Following" })).toHaveAttribute("aria-pressed", "true");

  const writer = await signUp(page, uniqueMember("Writer"));
  const title = `Working across boundaries ${Date.now()}`;
  const path = await writeStory(page, { title, startingPoints: [SP] });
  // The writer follows nothing and hears nothing of their own story.
  await expect(
    page.getByRole("banner").getByRole("link", { name: "Notifications", exact: true }),
  ).toBeVisible();

  await a.reload();
  const bell = a.getByRole("banner").getByRole("link", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();
  await expect(bell).toContainText("1");
  await bell.click();
  await expect(a.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(a.getByText("New", { exact: true })).toHaveCount(1);
  await expectNoSeriousViolations(a);
  await a
    .getByRole("link", { name: `${writer.name} published “${title}” in ${SP}, a starting point you follow.` })
    .click();
  await expect(a).toHaveURL(path);
  await expect(a.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(a.getByRole("banner").getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  await a.goto("/notifications");
  await expect(a.getByText("New", { exact: true })).toHaveCount(0);

  // The settings page lists the follow, and stops it.
  await a.goto("/settings/notifications");
  await expectNoSeriousViolations(a);
  await a.getByRole("button", { name: `Unfollow ${SP}` }).click();
  await expect(a.getByText("You follow no starting points.")).toBeVisible();
  await a.goto(SP_PATH);
  await expect(a.getByRole("button", { name: "Follow", exact: true })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  await follower.close();
});

test("a comment rings the author's bell and mails them; the mail's unsubscribe link turns mail off", async ({
  page,
  browser,
  request,
}) => {
  const author = await signUp(page, uniqueMember("Author"));
  const title = `A story to comment on ${Date.now()}`;
  const path = await writeStory(page, { title });

  const since = new Date().toISOString();
  const commenter = await newMemberPage(browser, "Commenter");
  await commenter.page.goto(path);
  await commenter.page.getByLabel("Comment").fill("Which tools did you start with?");
  await commenter.page.getByRole("button", { name: "Post comment" }).click();
  await expect(commenter.page.getByText("Which tools did you start with?")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("banner").getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();

  const mail = await mailTo(author.email, since);
  expect(mail.subject).toBe(`${commenter.member.name} commented on your story “${title}”`);
  const open = /https?:\/\/\S+\/notifications\/[0-9a-f-]{36}/.exec(mail.text)?.[0];
  const unsubscribe = /https?:\/\/\S+\/unsubscribe\/[A-Za-z0-9._-]+/.exec(mail.text)?.[0];
  expect(open, mail.text).toBeTruthy();
  expect(unsubscribe, mail.text).toBeTruthy();
  await commenter.close();

  // The mail's link to the notification marks it read on the way to the comment.
  await page.goto(open!);
  await expect(page).toHaveURL(new RegExp(`${path}#comment-`));
  await expect(
    page.getByRole("banner").getByRole("link", { name: "Notifications", exact: true }),
  ).toBeVisible();

  // Opened from a mail program, signed out: a question first, nothing changes until the button.
  const outside = await browser.newContext({ locale: "en-GB" });
  const mailReader = await outside.newPage();
  await mailReader.goto(unsubscribe!);
  await expect(
    mailReader.getByRole("heading", { level: 1, name: "Unsubscribe from notification emails" }),
  ).toBeVisible();
  await expect(mailReader.getByText(`Stop sending notification emails to ${author.email}?`)).toBeVisible();
  await expectNoSeriousViolations(mailReader);
  await page.goto("/settings/notifications");
  await expect(page.getByLabel("At once, one email per notification")).toBeChecked();
  await mailReader.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(mailReader.getByRole("status")).toHaveText(
    `Done: no more notification emails go to ${author.email}.`,
  );
  await outside.close();

  await page.reload();
  await expect(page.getByLabel("Never")).toBeChecked();

  // Back to one mail a day through the form, then a mail client's one-click POST (RFC 8058):
  // no cookies and no Origin, or another site's Origin; the proxy lets both through.
  await page.getByLabel("Once a day, a summary").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Your settings are saved.");
  await page.reload();
  await expect(page.getByLabel("Once a day, a summary")).toBeChecked();
  for (const headers of [{}, { Origin: "https://mail.example" }] as Record<string, string>[]) {
    const response = await request.post(unsubscribe!, {
      form: { "List-Unsubscribe": "One-Click" },
      headers,
      maxRedirects: 0,
    });
    expect(response.status(), JSON.stringify(headers)).toBe(200);
    await page.reload();
    await expect(page.getByLabel("Never")).toBeChecked();
    await page.getByLabel("At once, one email per notification").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Your settings are saved.");
  }
  // A tampered link changes nothing.
  const tampered = unsubscribe!.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
  expect(
    (await request.post(tampered, { form: { "List-Unsubscribe": "One-Click" }, maxRedirects: 0 })).status(),
  ).toBe(404);
  await page.reload();
  await expect(page.getByLabel("At once, one email per notification")).toBeChecked();
  await page.goto(tampered);
  await expect(
    page.getByRole("heading", { level: 1, name: "This unsubscribe link is not valid" }),
  ).toBeVisible();
});

test("following a story works without JavaScript, and its comments ring the follower's bell", async ({
  page,
  browser,
}) => {
  await signUp(page, uniqueMember("Storyteller"));
  const title = `A story to follow ${Date.now()}`;
  const path = await writeStory(page, { title });
  // The author is told of comments anyway: no follow button on their own story.
  await expect(page.getByRole("button", { name: "Follow", exact: true })).toHaveCount(0);

  const reader = await newMemberPage(browser, "Reader");
  const noScript = await browser.newContext({
    locale: "en-GB",
    javaScriptEnabled: false,
    storageState: await reader.page.context().storageState(),
  });
  const plain = await noScript.newPage();
  await plain.goto(path);
  await plain.getByRole("button", { name: "Follow", exact: true }).click();
  await expect(plain.getByRole("button", { name: "Following" })).toHaveAttribute("aria-pressed", "true");
  await noScript.close();

  await page.getByLabel("Comment").fill("The author adds a note to the story.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByText("The author adds a note to the story.")).toBeVisible();

  await reader.page.goto("/notifications");
  await expect(
    reader.page.getByRole("banner").getByRole("link", { name: "Notifications, 1 unread" }),
  ).toBeVisible();
  await expect(
    reader.page.getByRole("link", { name: new RegExp(`commented on “${title}”, a story you follow\\.$`) }),
  ).toBeVisible();
  await reader.page.getByRole("button", { name: "Mark as read" }).click();
  await expect(
    reader.page.getByRole("banner").getByRole("link", { name: "Notifications", exact: true }),
  ).toBeVisible();
  await reader.close();
});
