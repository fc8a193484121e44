import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import {
  expect,
  expectNoSeriousViolations,
  fillStoryForm,
  mailTo,
  type Member,
  signIn,
  signUp,
  test,
  uniqueMember,
  writeStory,
} from "./fixtures";
import { freePort } from "../tests/support/ports";

/*
 * The member's own account: profile, password, address, data and deletion, through the real
 * forms and the real mail. The suite's server runs with REQUIRE_EMAIL_VERIFICATION=off
 * (playwright.config.ts); the last test starts a second server from the same build with it on.
 */

const CONFIRM_LINK = /https?:\/\/\S+\/verify-email\/[A-Za-z0-9_-]{43}/;

async function openSettings(page: Page, section: "Profile" | "Account") {
  await page.getByRole("banner").getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: section }).click();
  await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
}

test("a member edits their profile, which their page shows with their comments", async ({ page }) => {
  const member = await signUp(page, uniqueMember("Profiled"));
  const storyPath = await writeStory(page, {
    title: `A story to comment on ${randomBytes(3).toString("hex")}`,
  });
  await page.getByLabel("Comment", { exact: true }).fill("A comment that the profile page lists.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByText("A comment that the profile page lists.")).toBeVisible();

  await openSettings(page, "Profile");
  await expect(page).toHaveURL(/\/settings\/profile$/);
  const nav = page.getByRole("navigation", { name: "Settings" });
  await expect(nav.getByRole("link", { name: "Profile" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Notifications" })).toHaveAttribute(
    "href",
    "/settings/notifications",
  );
  await expect(page.getByLabel("Name")).toHaveValue(member.name);

  await page.getByLabel("Organisation").fill("The Example Network");
  await page.getByLabel("About you").fill("I coordinate our learning network.\nSecond line.");
  await page.getByLabel("Website").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByLabel("Website")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a website address, like https://example.org.").first()).toBeVisible();
  // Nothing typed is lost.
  await expect(page.getByLabel("About you")).toHaveValue("I coordinate our learning network.\nSecond line.");

  await page.getByLabel("Website").fill("example.org/network");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toContainText("Your profile has been saved.");
  await expect(page.getByLabel("Website")).toHaveValue("https://example.org/network");

  await page.getByRole("banner").getByRole("link", { name: member.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: member.name })).toBeVisible();
  await expect(page.getByText("The Example Network")).toBeVisible();
  await expect(page.getByText("I coordinate our learning network.")).toBeVisible();
  const website = page.getByRole("link", { name: "example.org/network" });
  await expect(website).toHaveAttribute("href", "https://example.org/network");
  await expect(website).toHaveAttribute("rel", "nofollow ugc noopener");
  await expect(page.getByText(member.email)).toHaveCount(0);

  const comments = page.getByRole("region", { name: "Comments" });
  await expect(comments.getByText("A comment that the profile page lists.")).toBeVisible();
  await comments.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`${storyPath}(/comments/|#|$)`));
});

test("changing the password needs the current one and ends the other sessions", async ({ page, browser }) => {
  const member = await signUp(page, uniqueMember("Repass"));
  const other = await browser.newContext({ locale: "en-GB" });
  const otherPage = await other.newPage();
  await signIn(otherPage, member);

  await openSettings(page, "Account");
  const section = page.getByRole("region", { name: "Password" });
  await section.getByLabel("Current password").fill("not my password");
  await section.getByLabel("New password").fill(`${member.password}-new`);
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(section.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(section.getByText("This is not your current password.").first()).toBeVisible();

  await section.getByLabel("Current password").fill(member.password);
  await section.getByLabel("New password").fill(`${member.password}-new`);
  await section.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password has been changed.");
  // This browser stays signed in; the other one is signed out.
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  await otherPage.goto("/stories");
  await expect(otherPage.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await signIn(otherPage, { ...member, password: `${member.password}-new` });
  await other.close();
});

test("a new address takes effect only through the link mailed to it, and the old one is told", async ({
  page,
}) => {
  const member = await signUp(page, uniqueMember("Moving"));
  const newEmail = `moved-${randomBytes(4).toString("hex")}@example.org`;
  await openSettings(page, "Account");
  const section = page.getByRole("region", { name: "Email address" });
  await expect(section.getByText(`Your email address is ${member.email}.`)).toBeVisible();

  const since = new Date().toISOString();
  await section.getByLabel("New email address").fill(newEmail);
  await section.getByLabel("Current password").fill(member.password);
  await section.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(section.getByRole("status")).toContainText(`We have sent a link to ${newEmail}.`);
  await page.reload();
  await expect(section.getByText(`Your email address is ${member.email}.`)).toBeVisible();
  await expect(section.getByText(`A confirmation link was sent to ${newEmail}.`)).toBeVisible();

  const mail = await mailTo(newEmail, since);
  expect(mail.subject).toBe("Confirm your new email address for Vertrekpunt");
  const link = CONFIRM_LINK.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your new email address" })).toBeVisible();
  await page.getByRole("button", { name: "Use this email address" }).click();
  await expect(page.getByRole("status")).toContainText("Your new email address is in use.");

  const notice = await mailTo(member.email, since);
  expect(notice.subject).toBe("The email address of your Vertrekpunt account was changed");
  expect(notice.text).toContain(newEmail);

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await signIn(page, { ...member, email: newEmail });
  // The link worked once.
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "This link no longer works" })).toBeVisible();
});

test("a member downloads their data, then deletes the account and keeps the stories as a former member's", async ({
  page,
}) => {
  const member = await signUp(page, uniqueMember("Leaving"));
  const title = `Stays after I leave ${randomBytes(3).toString("hex")}`;
  const storyPath = await writeStory(page, { title });

  await openSettings(page, "Account");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^vertrekpunt-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await download.path())!, "utf8"));
  expect(data.profile).toMatchObject({ name: member.name, email: member.email });
  expect(data.stories.map((story: { title: string }) => story.title)).toEqual([title]);
  expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash/);

  const section = page.getByRole("region", { name: "Delete account" });
  // Both a choice and the password are needed.
  await section.getByLabel("Current password").fill(member.password);
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(section.getByText("Choose one of the options.").first()).toBeVisible();
  await section.getByLabel("Keep them, shown as written by a former member").check();
  await section.getByLabel("Current password").fill(member.password);
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/signin\?deleted=1$/);
  await expect(page.getByRole("status")).toContainText("Your account has been deleted.");
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto(storyPath);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("by former member")).toBeVisible();

  await page.goto("/signin");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Email or password is incorrect." })).toBeVisible();
});

test("the settings pages and the sign-in link page have no serious accessibility violations, also with errors shown", async ({
  page,
}) => {
  await page.goto("/signin/email");
  await expectNoSeriousViolations(page);
  await signUp(page, uniqueMember("Axe"));
  await page.goto("/settings/profile");
  await page.getByLabel("Website").fill("ftp://example.org");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.locator("#website-error")).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.goto("/settings/account");
  await page
    .getByRole("region", { name: "Delete account" })
    .getByRole("button", { name: "Delete my account" })
    .click();
  await expect(page.locator("#delete-content-error")).toBeVisible();
  await expectNoSeriousViolations(page);
});

// ------------------------------------------------------------------ with confirmation required

test.describe("when new members must confirm their address", () => {
  // A second production server from the same build, with confirmation on and its own database.
  let server: ChildProcess | null = null;
  let origin = "";
  let dataDir = "";
  let output = "";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(path.join(tmpdir(), "vertrekpunt-e2e-verify-"));
    server = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "server.ts")], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        // Its links in mail lead to itself (a server with DATABASE_URL needs SITE_URL anyway).
        SITE_URL: origin,
        // With DATABASE_URL (the PostgreSQL run) it shares the suite's database, as a second app server would.
        PGLITE_DATA_DIR: path.join(dataDir, "pglite"),
        AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64"),
        SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
        MAIL_POLL_MS: "1000",
        REQUIRE_EMAIL_VERIFICATION: "on",
        RATE_LIMIT_SIGN_UP_PER_IP: "100000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect
      .poll(
        async () => {
          if (server?.exitCode !== null) throw new Error(`The second server exited:\n${output}`);
          return fetch(`${origin}/api/health`).then(
            (response) => response.status,
            () => 0,
          );
        },
        { timeout: 90_000, intervals: [500] },
      )
      .toBe(200);
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function signUpThere(page: Page, member: Member) {
    await page.goto(`${origin}/signup`);
    await page.getByLabel("Name").fill(member.name);
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  }

  test("a new member writes drafts, but publishes only after opening the link", async ({ page }) => {
    const member = uniqueMember("Unconfirmed");
    const since = new Date().toISOString();
    await signUpThere(page, member);
    const banner = page.getByRole("region", { name: /Please confirm your email address/ });
    await expect(banner).toBeVisible();
    const first = await mailTo(member.email, since);
    expect(first.subject).toBe("Confirm your email address for Vertrekpunt");
    await expectNoSeriousViolations(page);

    // Publishing waits, and nothing typed is lost.
    const title = `Waiting for confirmation ${randomBytes(3).toString("hex")}`;
    await page.goto(`${origin}/stories/new`);
    await fillStoryForm(page, { title });
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByText("Confirm your email address before you publish").first()).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const draftUrl = page.url();

    // The link again: the newest one is the one that works.
    const again = new Date().toISOString();
    await banner.getByRole("button", { name: "Send the link again" }).click();
    await expect(banner.getByRole("status")).toContainText("We have sent a new link.");
    const second = await mailTo(member.email, again);
    const link = CONFIRM_LINK.exec(second.text)?.[0];
    expect(link, second.text).toBeTruthy();
    expect(link).not.toBe(CONFIRM_LINK.exec(first.text)?.[0]);

    await page.goto(link!);
    await expect(page.getByRole("heading", { level: 1, name: "Confirm your email address" })).toBeVisible();
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(page.getByRole("status")).toContainText("your email address is confirmed");
    await expect(page.getByRole("region", { name: /Please confirm your email address/ })).toHaveCount(0);

    await page.goto(draftUrl.replace(/\/?$/, "/edit"));
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Draft", { exact: true })).toHaveCount(0);
  });
});
