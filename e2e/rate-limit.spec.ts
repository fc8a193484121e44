import type { Page } from "@playwright/test";
import { expect, signUp, test } from "./fixtures";

const INCORRECT = "Email or password is incorrect.";
const WAIT = /^Too many failed sign-in attempts\. Please try again in \d+ seconds?\.$/;

async function attempt(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("after five wrong passwords the sign-in form asks to wait, growing, until the right one gets in", async ({
  page,
}) => {
  const member = await signUp(page);
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

  for (let i = 0; i < 5; i++) {
    await attempt(page, member.email, `wrong password ${i}`);
    await expect(page.getByRole("heading", { name: INCORRECT })).toBeVisible();
  }

  // From the sixth failure on, each attempt waits 1, 2, 4 … seconds after the last one; a
  // quick retry meets the wait within a few tries however slow the machine is.
  let waiting = false;
  for (let i = 0; i < 6 && !waiting; i++) {
    await attempt(page, member.email, "still wrong");
    const summary = page
      .getByRole("heading", { name: INCORRECT })
      .or(page.getByRole("heading", { name: WAIT }));
    await expect(summary).toBeVisible();
    waiting = WAIT.test((await summary.textContent()) ?? "");
  }
  expect(waiting, "the form asked to wait").toBe(true);
  await expect(page.getByLabel("Email")).toHaveValue(member.email);

  // While the wait lasts even the right password is refused; afterwards it signs in.
  await expect(async () => {
    await attempt(page, member.email, member.password);
    await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ intervals: [1_000], timeout: 30_000 });
});
