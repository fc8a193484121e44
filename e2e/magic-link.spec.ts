import { expect, mailTo, signUp, test, uniqueMember } from "./fixtures";

const LINK = /https?:\/\/\S+\/signin\/link\?\S+/;
const CHECK = "If an account with that email address exists, we have sent it a sign-in link.";

test("a member signs in with a link from the mail, which works once", async ({ page }) => {
  const member = await signUp(page, uniqueMember("Linked"));
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

  // A signed-out writer is sent to sign in, and the link brings them back to where they were going.
  await page.goto("/stories/new");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fstories%2Fnew$/);
  await page.getByRole("link", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in with a link by email" })).toBeVisible();

  // Checked with the shared schema before anything is sent.
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  const since = new Date().toISOString();
  await page.getByLabel("Email").fill(member.email.toUpperCase());
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await expect(page.getByRole("status")).toContainText(CHECK);

  const mail = await mailTo(member.email, since);
  expect(mail.subject).toBe("Your sign-in link for Vertrekpunt");
  const link = LINK.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  expect(new URL(link!).origin).toBe(new URL(page.url()).origin);

  // Opening the link spends nothing (mail scanners open links); the button signs in.
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Vertrekpunt" })).toBeVisible();
  await expect(page.getByText(`Press the button to sign in as ${member.email}.`)).toBeVisible();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/stories\/new$/);
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: member.name })).toBeVisible();

  // Once only.
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto(link!);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/signin\?error=Verification/);
  await expect(page.getByRole("status")).toContainText("That sign-in link no longer works");
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("an address without an account gets the same page, and no mail", async ({ page }) => {
  const member = await signUp(page, uniqueMember("Known"));
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  const nobody = `nobody-${Date.now()}@example.org`;
  const since = new Date().toISOString();

  await page.goto("/signin/email");
  await page.getByLabel("Email").fill(nobody);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page).toHaveURL(/\/signin\/check-email$/);
  await expect(page.getByRole("status")).toContainText(CHECK);

  // The worker sends in order: once the member's link has arrived, any mail to `nobody` would have too.
  await page.goto("/signin/email");
  await page.getByLabel("Email").fill(member.email);
  await page.getByRole("button", { name: "Send sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText(CHECK);
  await mailTo(member.email, since);
  await expect(mailTo(nobody, since, 1_000)).rejects.toThrow();
});
