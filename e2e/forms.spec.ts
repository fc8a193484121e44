import { expect, fillStoryForm, signUp, test, uniqueMember } from "./fixtures";

test.describe("bad input gets a clear message and loses nothing", () => {
  test("story form: each field at fault is marked and described, the rest is kept", async ({ page }) => {
    await signUp(page);
    await page.goto("/stories/new");
    await fillStoryForm(page, {
      title: "Shrt",
      body: "Too short a story.",
      tools: "Yammer, blog",
      trigger: "A reorganisation",
      startingPoints: [],
    });
    await page.getByRole("button", { name: "Publish" }).click();

    const title = page.getByLabel("Title");
    await expect(title).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#title-error")).toHaveText("Use at least 5 characters.");
    await expect(title).toHaveAttribute("aria-describedby", /title-error/);
    await expect(page.getByLabel("Story", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#body-error")).toHaveText("Use at least 50 characters.");
    await expect(page.locator("#startingPoints-error")).toHaveText("Choose at least one.");
    await expect(
      page.getByRole("heading", { name: "There are 3 problems with what you entered" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Title: Use at least 5 characters." })).toHaveAttribute(
      "href",
      "#title",
    );

    // What was typed is still there.
    await expect(title).toHaveValue("Shrt");
    await expect(page.getByLabel("Tools used")).toHaveValue("Yammer, blog");
    await expect(page.getByLabel("Trigger")).toHaveValue("A reorganisation");
    await expect(page.getByLabel("Organisation", { exact: true })).toHaveValue("Example network");
  });

  test("the server checks again and keeps the input when JavaScript is off", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    const member = uniqueMember("NoJs");
    await page.goto("/signup");
    await page.getByLabel("Name").fill(member.name);
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.goto("/stories/new");
    await page.getByLabel("Title").fill("  Tiny  ");
    await page.getByLabel("Organisation", { exact: true }).fill("Server-checked organisation");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.locator("#title-error")).toHaveText("Use at least 5 characters.");
    // A draft needs only its title: the organisation type is checked at publish.
    await expect(page.locator("#organisationType-error")).toHaveCount(0);
    await expect(page.getByLabel("Organisation", { exact: true })).toHaveValue("Server-checked organisation");
    await expect(page.getByLabel("Title")).toHaveValue("  Tiny  ");
    await context.close();
  });

  test("sign-up: short password and taken email keep name and email, never the password", async ({
    page,
    browser,
  }) => {
    const existing = await signUp(page);
    const context = await browser.newContext({ locale: "en-GB" });
    const other = await context.newPage();
    await other.goto("/signup");
    await other.getByLabel("Name").fill("Someone New");
    await other.getByLabel("Email").fill("someone-new@example");
    await other.getByLabel("Password").fill("short");
    await other.getByRole("button", { name: "Create account" }).click();
    await expect(other.locator("#email-error")).toHaveText(
      "Enter a valid email address, like name@example.org.",
    );
    await expect(other.locator("#password-error")).toHaveText("Use at least 10 characters.");
    await expect(other.getByLabel("Name")).toHaveValue("Someone New");

    await other.getByLabel("Email").fill(existing.email.toUpperCase());
    await other.getByLabel("Password").fill("long enough password");
    await other.getByRole("button", { name: "Create account" }).click();
    await expect(other.locator("#email-error")).toContainText("An account with this email already exists.");
    await expect(other.getByLabel("Name")).toHaveValue("Someone New");
    await expect(other.getByLabel("Password")).toHaveValue("");
    await context.close();
  });

  test("sign-in: one message for a wrong password or an unknown email", async ({ page, browser }) => {
    const member = await signUp(page);
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toHaveCount(0);

    for (const [email, password] of [
      [member.email, "wrong password"],
      ["nobody-here@example.org", member.password],
    ]) {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("heading", { name: "Email or password is incorrect." })).toBeVisible();
      await expect(page.getByLabel("Email")).toHaveValue(email);
    }

    // The right credentials, with different case and spaces, work.
    const context = await browser.newContext({ locale: "en-GB" });
    const fresh = await context.newPage();
    await fresh.goto("/signin");
    await fresh.getByLabel("Email").fill(`  ${member.email.toUpperCase()} `);
    await fresh.getByLabel("Password").fill(member.password);
    await fresh.getByRole("button", { name: "Sign in" }).click();
    await expect(fresh.getByRole("link", { name: member.name })).toBeVisible();
    await context.close();
  });

  test("comment limits are explained and the text kept", async ({ page }) => {
    await signUp(page);
    await page.goto("/stories/kpn-challenges-on-policy-questions");
    await page.getByLabel("Comment").fill("x");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator("#body-error")).toHaveText("Use at least 2 characters.");
    await expect(page.getByLabel("Comment")).toHaveValue("x");
  });
});
