import type { APIResponse, Page } from "@playwright/test";
import { expect, fillStoryForm, signUp, test, writeStory } from "./fixtures";

/*
 * A double click without JavaScript, or a browser retrying after a timeout, sends the same
 * form twice. The test sends exactly what the browser would send without JavaScript (the
 * rendered form's fields, including Next's action fields and the form's idempotency key)
 * twice at the same moment, through the browser's own cookies.
 */
async function submitTwiceAtOnce(page: Page, formSelector: string): Promise<[APIResponse, APIResponse]> {
  const fields = await page
    .locator(formSelector)
    .evaluate((form: HTMLFormElement) =>
      [...new FormData(form).entries()].map(([name, value]) => [name, String(value)] as [string, string]),
    );
  const url = page.url();
  const origin = new URL(url).origin;
  const post = () => {
    const multipart = new FormData();
    for (const [name, value] of fields) multipart.append(name, value);
    return page.request.post(url, { multipart, headers: { Origin: origin }, maxRedirects: 0 });
  };
  return Promise.all([post(), post()]);
}

test("a story form sent twice at once creates one story", async ({ page }) => {
  await signUp(page);
  const title = `Twice submitted ${Date.now()}`;
  await page.goto("/stories/new");
  await fillStoryForm(page, { title });
  const [first, second] = await submitTwiceAtOnce(page, "main form:has(input[name=idempotencyKey])");

  expect([first.status(), second.status()]).toEqual([303, 303]);
  expect(second.headers().location).toBe(first.headers().location);
  await page.goto(first.headers().location);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.goto(`/stories?q=${encodeURIComponent(`"${title}"`)}`);
  await expect(page.getByRole("heading", { level: 2, name: "1 story found" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: title })).toHaveCount(1);
});

test("a comment form sent twice at once posts one comment", async ({ page }) => {
  await signUp(page);
  const path = await writeStory(page, { title: `Story for a double comment ${Date.now()}` });
  await page.goto(path);
  const text = `Said only once ${Date.now()}`;
  await page.getByLabel("Comment", { exact: true }).fill(text);
  const [first, second] = await submitTwiceAtOnce(page, "form:has(input[name=idempotencyKey])");
  expect(first.status()).toBeLessThan(400);
  expect(second.status()).toBeLessThan(400);

  await page.reload();
  await expect(page.getByText(text, { exact: true })).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Comments (1)" })).toBeVisible();
});
