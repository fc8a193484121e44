import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import { expect, test as base, type Browser, type Page } from "@playwright/test";
import { readMailFolder, readMessage } from "../tests/support/mail-catcher";

export type Member = { name: string; email: string; password: string };

/** Unique data per test, so parallel tests and repeated runs never collide. */
export function uniqueMember(prefix = "Member"): Member {
  const id = randomBytes(4).toString("hex");
  return {
    name: `${prefix} ${id}`,
    email: `${prefix.toLowerCase()}-${id}@example.org`,
    password: `pass-${id}-long-enough`,
  };
}

/** Creates an account through the real sign-up form; the member is signed in afterwards. */
export async function signUp(page: Page, member: Member = uniqueMember()): Promise<Member> {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(member.name);
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname !== "/signup");
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  return member;
}

/** Axe finds no serious or critical violation on the page as it is now; the message lists each with its elements. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/** Created by the seed's moderator step (see playwright.config.ts). */
export const MODERATOR: Member = {
  name: "E2E Moderator",
  email: "moderator@e2e.vertrekpunt.test",
  password: "moderator-password-for-e2e",
};
export const ADMIN: Member = {
  name: "E2E Admin",
  email: "admin@e2e.vertrekpunt.test",
  password: "admin-password-for-e2e",
};

export async function signIn(page: Page, member: Member): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/signin");
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** A second person in their own browser context (own cookies), signed up through the form. */
export async function newMemberPage(
  browser: Browser,
  prefix = "Reader",
): Promise<{ page: Page; member: Member; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const member = await signUp(page, uniqueMember(prefix));
  return { page, member, close: () => context.close() };
}

export type StoryFields = {
  title: string;
  organisation?: string;
  organisationType?: string;
  summary?: string;
  body?: string;
  trigger?: string;
  tools?: string;
  startingPoints?: string[];
};

export async function fillStoryForm(page: Page, story: StoryFields): Promise<void> {
  await page.getByLabel("Title").fill(story.title);
  await page.getByLabel("Organisation", { exact: true }).fill(story.organisation ?? "Example network");
  await page
    .getByLabel("Organisation type")
    .selectOption({ label: story.organisationType ?? "Network or community" });
  await page.getByLabel("Summary").fill(story.summary ?? "");
  await page
    .getByLabel("Story", { exact: true })
    .fill(
      story.body ??
        "We started with a shared blog and a chat group, and learned a lot about working in the open.",
    );
  await page.getByLabel("Trigger").fill(story.trigger ?? "");
  await page.getByLabel("Tools used").fill(story.tools ?? "");
  for (const name of story.startingPoints ?? ["Improving the work practice"]) {
    await page.getByRole("checkbox", { name }).check();
  }
}

/** Writes and publishes (or saves as draft) a story through the real form; returns its path. */
export async function writeStory(
  page: Page,
  story: StoryFields,
  button: "Publish" | "Save draft" = "Publish",
): Promise<string> {
  await page.goto("/stories/new");
  await fillStoryForm(page, story);
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("heading", { level: 1, name: story.title })).toBeVisible();
  return new URL(page.url()).pathname;
}

export type ReceivedMessage = { subject: string; text: string; html: string | null };

/**
 * The newest mail the app sent to `email` after `since` (an ISO time), read from the SMTP server
 * playwright.config.ts runs for the suite; waits for it to arrive.
 */
export async function mailTo(email: string, since: string, timeout = 20_000): Promise<ReceivedMessage> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: playwright.config.ts starts the mail server");
  const find = () =>
    readMailFolder(dir)
      .filter((mail) => mail.to.includes(email.toLowerCase()) && mail.receivedAt >= since)
      .at(-1);
  await expect.poll(() => Boolean(find()), { timeout, message: `a mail to ${email}` }).toBe(true);
  const { subject, text, html } = readMessage(find()!.raw);
  return { subject, text, html };
}

/**
 * Every test fails on a browser console error (hydration mismatches, failed scripts), as
 * epic-stack does. Expected 404 responses for pages we open on purpose are not errors.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && !message.text().includes("Failed to load resource"))
          errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
