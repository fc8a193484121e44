import type { Page } from "@playwright/test";
import { expect, newMemberPage, test, writeStory } from "./fixtures";

/** The number in the results heading ("12 stories found"). */
async function resultCount(page: Page): Promise<number> {
  const text = await page
    .getByRole("heading", { level: 2, name: /stor(y|ies) found|No stories found/ })
    .textContent();
  return Number(/\d+/.exec(text ?? "")?.[0] ?? 0);
}

/** Set on the window: still there after an update only if the page did not load again. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = "same page"));
}
const marker = (page: Page) => page.evaluate(() => (window as unknown as { marker?: string }).marker);

test.describe("finding stories", () => {
  test("with JavaScript, each filter updates the results in place, and Back brings the last state back", async ({
    page,
  }) => {
    await page.goto("/stories");
    await expect(page.getByRole("button", { name: "Apply filters" })).toHaveCount(0);
    await markPage(page);

    await page.getByRole("checkbox", { name: "Government", exact: true }).check();
    await expect(page).toHaveURL(/\/stories\?type=government$/);
    await expect(page.getByRole("link", { name: /Algemene Rekenkamer starts a blog/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /hospital uses an enterprise social network/i })).toHaveCount(
      0,
    );

    await page.getByLabel("Order").selectOption({ label: "Most discussed" });
    await expect(page).toHaveURL(/sort=discussed/);

    // An empty result names each filter and what dropping it would give.
    // No government example carries this starting point (and the book's examples can all be
    // read in Dutch now, so a language no longer empties the list).
    const boundaries = page.getByRole("checkbox", { name: "Collaborating across boundaries", exact: true });
    await boundaries.check();
    await expect(page.getByText("No stories match these filters.")).toBeVisible();
    const drop = page.getByRole("link", {
      name: /^Without Collaborating across boundaries: \d+ stor(y|ies)$/,
    });
    await expect(drop).toBeVisible();
    await drop.click();
    await expect(page).toHaveURL(/type=government&sort=discussed$/);
    await expect(page.getByRole("link", { name: /Algemene Rekenkamer starts a blog/ })).toBeVisible();
    await expect(boundaries).not.toBeChecked();

    await page.goBack();
    await expect(page).toHaveURL(/sp=collaborating-across-boundaries/);
    await expect(boundaries).toBeChecked();
    await expect(page.getByText("No stories match these filters.")).toBeVisible();
    expect(await marker(page)).toBe("same page");
  });

  test("starting points: all of them, or any of them", async ({ page }) => {
    await page.goto("/stories?sp=using-knowledge&sp=learning-with-outside-world");
    await expect(page.getByRole("radio", { name: "all chosen starting points" })).toBeChecked();
    const allOf = await resultCount(page);
    await markPage(page);
    await page.getByRole("radio", { name: "any of them" }).check();
    await expect(page).toHaveURL(/match=any/);
    await expect.poll(() => resultCount(page)).toBeGreaterThan(allOf);
    expect(await marker(page)).toBe("same page");
  });

  test("a member's tool and name become filters; each active filter can be removed", async ({
    page,
    browser,
  }) => {
    const writer = await newMemberPage(browser, "Toolmaker");
    const tool = `Kanban board ${Date.now()}`;
    const title = `We planned our work on a ${tool}`;
    await writeStory(writer.page, { title, tools: tool });
    await writer.close();

    await page.goto(`/stories?tool=${encodeURIComponent(tool)}`);
    await expect(
      page.getByRole("group", { name: "Tools used" }).getByRole("checkbox", { name: tool }),
    ).toBeChecked();
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    expect(await resultCount(page)).toBe(1);
    // The writer shows under Author, with one story under the tool filter.
    const author = page
      .getByRole("group", { name: "Author" })
      .getByRole("checkbox", { name: writer.member.name });
    await author.check();
    await expect(page).toHaveURL(/author=/);
    await expect(page.getByRole("link", { name: title })).toBeVisible();

    await page.getByRole("link", { name: `Remove filter: ${tool}` }).click();
    await expect(page).not.toHaveURL(/tool=/);
    await expect(page.getByRole("link", { name: title })).toBeVisible();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/stories$/);
  });

  test("a date range narrows by publication day; a year link fills it in", async ({ page }) => {
    await page.goto("/stories");
    await page.getByText("More filters: tools, authors and dates").click();
    const yearLink = page.getByRole("link", { name: /^\d{4} \(\d+ stor(y|ies)\)$/ }).first();
    const year = ((await yearLink.textContent()) ?? "").slice(0, 4);
    await yearLink.click();
    await expect(page).toHaveURL(new RegExp(`from=${year}-01-01&to=${year}-12-31`));
    await expect(page.getByLabel("From", { exact: true })).toHaveValue(`${year}-01-01`);
    await page.getByLabel("From", { exact: true }).fill("2999-01-01");
    await page.getByLabel("From", { exact: true }).blur();
    await expect(page).toHaveURL(/from=2999-01-01/);
    await expect(page.getByText("No stories match these filters.")).toBeVisible();
  });

  test("without JavaScript, the same form sorts and filters with full page loads", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/stories");
    await page.getByLabel("Order").selectOption({ label: "Most discussed" });
    await page.getByRole("checkbox", { name: "Making use of knowledge in the organisation" }).check();
    await page.getByRole("checkbox", { name: "Learning from and with the outside world" }).check();
    await page.getByRole("radio", { name: "any of them" }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/sort=discussed/);
    await expect(page).toHaveURL(/match=any/);
    await expect(page.getByRole("radio", { name: "any of them" })).toBeChecked();
    await expect(page.getByRole("combobox", { name: "Order" })).toHaveValue("discussed");
    await expect(
      page.getByRole("link", { name: /Remove filter: Learning from and with the outside world/ }),
    ).toBeVisible();
    await context.close();
  });
});
