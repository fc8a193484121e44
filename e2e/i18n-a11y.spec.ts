import { expect, expectNoSeriousViolations, signUp, test } from "./fixtures";

test.describe("Dutch", () => {
  test.use({ locale: "nl-NL" });

  test("a Dutch browser gets the Dutch interface and starting point names", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.getByRole("link", { name: "Verhalen", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Vertrekpunten", exact: true }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Verbeteren van de werkpraktijk" }).first()).toBeVisible();

    // The switcher overrides the browser's language, and is remembered.
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("link", { name: "Stories", exact: true })).toBeVisible();
    await page.goto("/starting-points");
    await expect(page.getByRole("heading", { level: 1, name: "Starting points" })).toBeVisible();
  });

  test("validation messages speak Dutch", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Naam").fill("Jan");
    await page.getByLabel("Wachtwoord").fill("kort");
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await expect(page.locator("#password-error")).toContainText("10");
    await expect(page.locator("#password-error")).not.toContainText("characters");
    await expect(page.getByLabel("Naam")).toHaveValue("Jan");
  });
});

test.describe("accessibility (axe)", () => {
  for (const path of [
    "/",
    "/stories",
    "/starting-points",
    "/starting-points/using-knowledge",
    "/stories/kpn-challenges-on-policy-questions",
    "/signup",
    "/signin",
  ]) {
    test(`no serious or critical violations on ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectNoSeriousViolations(page);
    });
  }

  test("no serious or critical violations on the story form, also with errors shown", async ({ page }) => {
    await signUp(page);
    await page.goto("/stories/new");
    await expectNoSeriousViolations(page);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.locator("#title-error")).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});
