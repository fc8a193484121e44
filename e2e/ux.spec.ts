import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, fillStoryForm, newMemberPage, signUp, test, uniqueMember } from "./fixtures";

/** The one polite status region every confirmation is said in (components/flash-message.tsx). */
const status = (page: Page) => page.locator("#action-status");
const focused = (page: Page) => page.locator(":focus");

test.describe("every action is confirmed where the person is", () => {
  test("sign-up, publish, comment, reply, useful, recognise and follow put the focus on the result and say it", async ({
    page,
    browser,
  }) => {
    const author = uniqueMember("Confirmed");
    await page.goto("/signup");
    await page.getByLabel("Name").fill(author.name);
    await page.getByLabel("Email").fill(author.email);
    await page.getByLabel("Password").fill(author.password);
    await page.getByRole("button", { name: "Create account" }).click();
    // A new member lands on a page that says what to do next.
    await expect(page).toHaveURL(/\/welcome$/);
    await expect(focused(page)).toHaveText(`Welcome, ${author.name}`);
    await expect(status(page)).toHaveText("Your account is ready and you are signed in.");
    await expect(page.getByRole("link", { name: "Write your organisation's story" })).toBeVisible();

    const title = `Confirmed actions ${randomBytes(3).toString("hex")}`;
    await page.goto("/stories/new");
    await fillStoryForm(page, { title });
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeFocused();
    await expect(status(page)).toHaveText("Your story is published.");
    const path = new URL(page.url()).pathname;

    const reader = await newMemberPage(browser, "Confirmer");
    const r = reader.page;
    await r.goto(path);

    // A comment: the focus moves to the new comment, not to <body>.
    await r.getByLabel("Comment", { exact: true }).fill("Posted, and the focus follows.");
    await r.getByRole("button", { name: "Post comment" }).click();
    await expect(focused(r)).toContainText("Posted, and the focus follows.");
    await expect(focused(r)).toHaveAttribute("id", /^comment-/);
    await expect(status(r)).toHaveText("Your comment is posted.");

    // A reply to it: the focus moves to the reply.
    await r.getByRole("button", { name: `Reply (from ${reader.member.name})` }).click();
    await r.getByLabel("Your reply").fill("A reply that takes the focus.");
    await r.getByRole("button", { name: "Post reply" }).click();
    await expect(focused(r)).toContainText("A reply that takes the focus.");
    await expect(status(r)).toHaveText("Your reply is posted.");

    // "Useful" on the story: the button keeps the focus and says its new state.
    const storyUseful = r.getByRole("button", { name: "Useful · 0 (this story)" });
    await storyUseful.click();
    await expect(r.getByRole("button", { name: "Useful · 1 (this story)" })).toBeFocused();
    await expect(r.getByRole("button", { name: "Useful · 1 (this story)" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect(status(r)).toHaveText("You find this useful.");

    // Recognising a starting point: the button (now "Withdraw") has the focus.
    await r.getByRole("button", { name: "I recognise this: Improving the work practice" }).click();
    await expect(r.getByRole("button", { name: "Withdraw: Improving the work practice" })).toBeFocused();
    await expect(status(r)).toHaveText("You recognise “Improving the work practice” in this story.");

    // Following the story.
    await r.getByRole("button", { name: "Follow", exact: true }).click();
    await expect(r.getByRole("button", { name: "Following", exact: true })).toBeFocused();
    await expect(status(r)).toHaveText("You follow this story: you get a notification for each new comment.");

    // On a starting point's page: following it, and recognising it in one's organisation.
    await r.goto("/starting-points/collaborating-across-boundaries");
    await r.getByRole("button", { name: "Follow", exact: true }).click();
    await expect(r.getByRole("button", { name: "Following", exact: true })).toBeFocused();
    await expect(status(r)).toHaveText(
      "You follow this starting point: you get a notification for each new story with it.",
    );
    await r.getByLabel("What was the trigger? (optional)").fill("Two departments that never talked.");
    await r.getByRole("button", { name: "I recognise this in my organisation" }).click();
    await expect(focused(r)).toHaveText("✓ You recognise this starting point in your organisation.");
    await expect(status(r)).toHaveText("Your recognition is saved.");
    await reader.close();
  });

  test("buttons and links say whose comment they act on", async ({ page, browser }) => {
    const author = await signUp(page, uniqueMember("Named"));
    const title = `Named controls ${randomBytes(3).toString("hex")}`;
    await page.goto("/stories/new");
    await fillStoryForm(page, { title });
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await page.getByLabel("Comment", { exact: true }).fill("The author's own comment.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(status(page)).toHaveText("Your comment is posted.");
    const path = new URL(page.url()).pathname;
    for (const name of ["Edit", "Delete"])
      await expect(page.getByRole("button", { name: `${name} (from ${author.name})` })).toBeVisible();
    await expect(page.getByRole("link", { name: `Link (from ${author.name})` })).toBeVisible();

    const reader = await newMemberPage(browser, "Listener");
    await reader.page.goto(path);
    await expect(reader.page.getByRole("button", { name: `Useful · 0 (from ${author.name})` })).toBeVisible();
    await expect(reader.page.getByRole("button", { name: "Useful · 0 (this story)" })).toBeVisible();
    await expect(reader.page.getByRole("button", { name: `Reply (from ${author.name})` })).toBeVisible();
    await expect(reader.page.getByRole("link", { name: `Report (from ${author.name})` })).toBeVisible();
    await reader.close();
  });

  test("Markdown headings start below the page's own, and the story page has no empty list", async ({
    page,
  }) => {
    await signUp(page);
    const title = `Headings inside ${randomBytes(3).toString("hex")}`;
    await page.goto("/stories/new");
    await fillStoryForm(page, {
      title,
      body: "# Where we began\n\nA story with a heading of its own, long enough to be published here.",
    });
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Where we began" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    // No comments yet: no empty list for screen readers to announce.
    await expect(page.locator("#comments-heading ~ ol")).toHaveCount(0);
    await page.getByLabel("Comment", { exact: true }).fill("# Loud\n\nA comment with a heading.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("heading", { level: 3, name: "Loud" })).toBeVisible();
  });

  test("the focused skip link does not cover the logo, and accessible names keep their spaces", async ({
    page,
  }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    const [skipBox, logoBox] = [
      await skip.boundingBox(),
      await page.getByRole("banner").getByRole("link", { name: "Vertrekpunt" }).boundingBox(),
    ];
    expect(skipBox && logoBox && skipBox.y + skipBox.height <= logoBox.y).toBe(true);

    await page.goto("/starting-points");
    await expect(
      page.getByRole("heading", { level: 2, name: "1. Improving the work practice" }),
    ).toBeVisible();
    await signUp(page);
    await page.goto("/stories/new");
    await expect(page.getByRole("textbox", { name: "Summary (optional)", exact: true })).toBeVisible();
  });

  test("an error under a field goes away once the field is valid", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Email").fill("not-an-address");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#email-error")).toBeVisible();
    await page.getByLabel("Email").fill("now-valid@example.org");
    await expect(page.locator("#email-error")).toHaveCount(0);
    await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#name-error")).toBeVisible();
  });
});

test.describe("/stories keeps its place for keyboard users", () => {
  test("arrow keys on the sort do not reload the results; the count is announced after each change", async ({
    page,
  }) => {
    await page.goto("/stories");
    const sort = page.getByRole("combobox", { name: "Order" });
    await sort.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    // Passing through an order loads nothing.
    await page.waitForTimeout(500);
    await expect(page).toHaveURL(/\/stories$/);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/sort=recognised/);
    await expect(status(page)).toHaveText(/^\d+ stor(y|ies) found$/);

    await page.getByRole("checkbox", { name: /Improving the work practice/ }).check();
    await expect(page).toHaveURL(/sp=improving-work-practice/);
    const heading = (await page.locator("[data-result-count]").textContent()) ?? "";
    await expect(status(page)).toHaveText(heading);

    await page.getByLabel("Search stories").fill("network");
    await page.getByLabel("Search stories").press("Enter");
    await expect(page).toHaveURL(/q=network/);
    await expect(status(page)).toHaveText(/stor(y|ies) found$/);
  });
});

test.describe("drafts, privacy and a welcome", () => {
  test("a draft saves with only a title, says the body minimum up front, and offers Publish instead of a conversation", async ({
    page,
  }) => {
    await signUp(page);
    await page.goto("/stories/new");
    // The minimum is in the field's hint before anyone trips over it.
    await expect(page.getByText("At least 50 characters.", { exact: false })).toBeVisible();
    const title = `Only a title ${randomBytes(3).toString("hex")}`;
    await page.getByLabel("Title").fill(title);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeFocused();
    await expect(status(page)).toHaveText("Your draft is saved. Only you can see it.");
    await expect(page.getByText("Draft", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Comments/ })).toHaveCount(0);
    await expect(page.getByText("Start the conversation", { exact: false })).toHaveCount(0);

    // Publishing an unfinished draft opens the form with what is still missing.
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page).toHaveURL(/\/edit\?publish=1$/);
    await expect(page.locator("#body-error")).toBeVisible();
    await expect(page.locator("#startingPoints-error")).toBeVisible();
    await page.getByLabel("Organisation", { exact: true }).fill("Draft network");
    await page.getByLabel("Organisation type").selectOption({ label: "Network or community" });
    // The errors the page opened with are judged by the publishing rules while the author types:
    // one character more is still too short, and the error goes once the body is long enough,
    // without pulling the author out of the field (another error is still listed above).
    const story = page.getByLabel("Story", { exact: true });
    await story.fill("Still far too short.");
    await expect(page.locator("#body-error")).toBeVisible();
    await story.fill("Now the story is long enough to be published for everyone to read.");
    await expect(page.locator("#body-error")).toHaveCount(0);
    await expect(story).toBeFocused();
    await expect(page.locator("#startingPoints-error")).toBeVisible();
    await page.getByRole("checkbox", { name: "Improving the work practice" }).check();
    await expect(page.locator("#startingPoints-error")).toHaveCount(0);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeFocused();
    await expect(status(page)).toHaveText("Your story is published.");
    await expect(page.getByRole("heading", { name: /^Comments/ })).toBeVisible();
  });

  test("sign-up says what the email is for; the privacy page exists in both languages", async ({
    page,
    browser,
  }) => {
    await page.goto("/signup");
    await expect(page.getByText("Never shown to anyone.", { exact: false })).toBeVisible();
    await page.getByRole("link", { name: "How Vertrekpunt handles your data" }).click();
    await expect(page).toHaveURL(/\/privacy$/);
    await expect(page).toHaveTitle(/^Privacy: your data on Vertrekpunt/);
    for (const heading of [
      "What is stored",
      "Who sees what",
      "Your email address",
      "How long",
      "Download or delete your data",
    ]) {
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    }
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "Privacy" })).toBeVisible();

    const dutch = await browser.newContext({ locale: "nl-NL" });
    const nl = await dutch.newPage();
    await nl.goto("/privacy");
    await expect(
      nl.getByRole("heading", { level: 1, name: "Privacy: jouw gegevens op Vertrekpunt" }),
    ).toBeVisible();
    await expect(
      nl.getByRole("heading", { level: 2, name: "Je gegevens downloaden of verwijderen" }),
    ).toBeVisible();
    await dutch.close();
  });

  test("a visitor's “Share your story” explains the account and offers both ways in", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Share your story" }).click();
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fstories%2Fnew$/);
    await expect(page.getByText("To share your organisation's story you need an account.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/signup\?callbackUrl=%2Fstories%2Fnew$/);
  });

  test("404 pages have their own title and offer search and the stories", async ({ page }) => {
    const response = await page.goto("/no-such-page-here");
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle(/^Page not found/);
    await page.getByRole("searchbox", { name: "Search the stories" }).fill("network");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/stories\?q=network/);
    await page.goto("/stories/no-such-story");
    await expect(page.getByRole("link", { name: "Browse all stories" })).toBeVisible();
  });
});

/** The fixture's signUp checks the header's "Sign out", which a phone keeps behind "Menu". */
async function signUpOnPhone(page: Page) {
  const member = uniqueMember("Phone");
  await page.goto("/signup");
  await page.getByLabel("Name").fill(member.name);
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  return member;
}

const CONTRACT_PAGES = [
  "/",
  "/stories",
  "/stories?sp=improving-work-practice",
  "/starting-points",
  "/starting-points/using-knowledge",
  "/stories/kpn-challenges-on-policy-questions",
  "/signup",
  "/signin",
  "/privacy",
];

test.describe("on a phone (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("no page of the UI contract scrolls sideways, signed out or in", async ({ page }) => {
    const wide = async () => {
      const found: string[] = [];
      for (const path of CONTRACT_PAGES) {
        await page.goto(path);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) found.push(`${path}: ${width}px`);
      }
      return found;
    };
    expect(await wide()).toEqual([]);
    await signUpOnPhone(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const path of ["/stories/new", "/settings/account", "/notifications", "/welcome"]) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    expect(await wide()).toEqual([]);
  });

  test("the signed-in header fits in two rows behind a menu; the filters fold into “Filters (n)”", async ({
    page,
  }) => {
    await signUpOnPhone(page);
    await page.goto("/stories");
    const header = await page.getByRole("banner").boundingBox();
    expect(header && header.height).toBeLessThan(120);
    await page.getByText("Menu", { exact: true }).click();
    await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();

    await expect(page.getByRole("checkbox", { name: "Improving the work practice" })).toBeHidden();
    await page.getByRole("button", { name: "Filters (0)" }).click();
    await page.getByRole("checkbox", { name: "Improving the work practice" }).check();
    await expect(page).toHaveURL(/sp=improving-work-practice/);
    await expect(page.getByRole("button", { name: "Filters (1)" })).toBeVisible();
  });

  for (const path of CONTRACT_PAGES) {
    test(`axe wcag22aa at 390 px: ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectCleanAxe(page);
    });
  }
});

test.describe("axe wcag22aa at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  for (const path of CONTRACT_PAGES) {
    test(`axe wcag22aa at 1280 px: ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectCleanAxe(page);
    });
  }
  test("axe wcag22aa at 1280 px: signed in, story form and welcome", async ({ page }) => {
    await signUp(page);
    await expectCleanAxe(page);
    await page.goto("/stories/new");
    await expectCleanAxe(page);
  });
});

async function expectCleanAxe(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}
