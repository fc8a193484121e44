import { expect, expectNoSeriousViolations, newMemberPage, signUp, test, writeStory } from "./fixtures";

const FIRST_BODY =
  "We began with a weekly newsletter and later opened a chat channel for every team in the region.";
const SECOND_BODY =
  "We began with a weekly podcast and later opened a chat channel for every team in the region.";

test.describe("story revisions", () => {
  test("the author sees the history of an edited story, compares versions and restores the first", async ({
    page,
    browser,
  }) => {
    await signUp(page);
    const title = `Versions of a story ${Date.now()}`;
    const path = await writeStory(page, { title, body: FIRST_BODY });
    await expect(page.getByText(/^Edited /)).toHaveCount(0);

    // Two saved edits: the body, then the title.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.getByLabel("Story", { exact: true }).fill(SECOND_BODY);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(SECOND_BODY)).toBeVisible();
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.getByLabel("Title").fill(`${title} (edited)`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `${title} (edited)` })).toBeVisible();
    await expect(page.getByText(/^Edited /)).toBeVisible();

    await page.getByRole("link", { name: "History" }).click();
    await expect(page).toHaveURL(`${path}/history`);
    await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
    const versions = page
      .getByRole("list", { name: "Versions, newest first" })
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { level: 2 }) });
    await expect(versions.getByRole("heading", { level: 2 })).toHaveText([
      "Version 3 current",
      "Version 2",
      "Version 1",
    ]);
    await expectNoSeriousViolations(page);

    // What the second version changed: one word out, one in.
    await page.getByRole("link", { name: "Compare with previous: Version 2" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Changes in version 2" })).toBeVisible();
    await expect(page.locator("main del")).toHaveText(["removed: newsletter"]);
    await expect(page.locator("main ins")).toHaveText(["added: podcast"]);
    await expectNoSeriousViolations(page);

    // Restore version 1 from the history: a new version with the old text.
    await page.getByRole("link", { name: "Back to the history" }).click();
    page.once("dialog", (dialog) => dialog.accept());
    await versions
      .filter({ hasText: "Version 1" })
      .getByRole("button", { name: "Restore this version" })
      .click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1, name: title, exact: true })).toBeVisible();
    await expect(page.getByText(FIRST_BODY)).toBeVisible();
    await page.getByRole("link", { name: "History" }).click();
    await expect(versions.first().getByRole("heading", { level: 2 })).toHaveText("Version 4 current");

    // Everyone sees that the story was edited; only its author and moderators see the history.
    const reader = await newMemberPage(browser);
    await reader.page.goto(path);
    await expect(reader.page.getByText(/^Edited /)).toBeVisible();
    await expect(reader.page.getByRole("link", { name: "History" })).toHaveCount(0);
    expect((await reader.page.goto(`${path}/history`))?.status()).toBe(404);
    expect((await reader.page.goto(`${path}/history/1`))?.status()).toBe(404);
    await reader.close();
  });

  test("a save from a second tab is refused with a message, and keeps everything typed there", async ({
    page,
  }) => {
    await signUp(page);
    const title = `Two tabs ${Date.now()}`;
    const path = await writeStory(page, { title, body: FIRST_BODY });

    const first = page;
    const second = await page.context().newPage();
    await first.goto(`${path}/edit`);
    await second.goto(`${path}/edit`);

    await first.getByLabel("Title").fill(`${title}, saved in the first tab`);
    await first.getByRole("button", { name: "Save changes" }).click();
    await expect(
      first.getByRole("heading", { level: 1, name: `${title}, saved in the first tab` }),
    ).toBeVisible();

    const secondTitle = `${title}, typed in the second tab`;
    const secondBody = `${SECOND_BODY} The second tab adds a sentence of its own.`;
    await second.getByLabel("Title").fill(secondTitle);
    await second.getByLabel("Organisation type").selectOption({ label: "Education" });
    await second.getByLabel("Language").selectOption("nl");
    await second.getByLabel("Summary").fill("A summary from the second tab.");
    await second.getByLabel("Story", { exact: true }).fill(secondBody);
    await second.getByLabel("Trigger").fill("A trigger from the second tab");
    await second.getByLabel("Tools used").fill("Slack, wiki");
    await second.getByRole("checkbox", { name: "Making use of knowledge in the organisation" }).check();
    await second.getByRole("button", { name: "Save changes" }).click();

    await expect(
      second.getByRole("heading", {
        name: "Someone saved this story after you opened it, so your changes are not saved yet.",
      }),
    ).toBeVisible();
    await expect(second.getByText(/Your text is still below\./)).toBeVisible();
    await expectNoSeriousViolations(second);
    const current = second.getByRole("link", { name: "Open the current version in a new tab" });
    await expect(current).toHaveAttribute("href", path);
    await expect(current).toHaveAttribute("target", "_blank");
    await expect(
      second.getByRole("link", { name: /See what changed since you opened this page/ }),
    ).toHaveAttribute("href", `${path}/history/1?compare=current`);

    // Nothing typed in the second tab is lost.
    await expect(second.getByLabel("Title")).toHaveValue(secondTitle);
    await expect(second.getByLabel("Organisation type")).toHaveValue("education");
    await expect(second.getByLabel("Language")).toHaveValue("nl");
    await expect(second.getByLabel("Summary")).toHaveValue("A summary from the second tab.");
    await expect(second.getByLabel("Story", { exact: true })).toHaveValue(secondBody);
    await expect(second.getByLabel("Trigger")).toHaveValue("A trigger from the second tab");
    await expect(second.getByLabel("Tools used")).toHaveValue("Slack, wiki");
    await expect(
      second.getByRole("checkbox", { name: "Making use of knowledge in the organisation" }),
    ).toBeChecked();
    await expect(second.getByRole("checkbox", { name: "Improving the work practice" })).toBeChecked();

    // The first tab's save is still the story's text.
    await first.reload();
    await expect(
      first.getByRole("heading", { level: 1, name: `${title}, saved in the first tab` }),
    ).toBeVisible();

    // Having been told, the person can merge and save: now their version goes through.
    await second.getByRole("button", { name: "Save changes" }).click();
    await expect(second.getByRole("heading", { level: 1, name: secondTitle })).toBeVisible();
    await expect(second.getByText(secondBody)).toBeVisible();
    await second.close();
  });
});
