import { expect, fillStoryForm, newMemberPage, signUp, test } from "./fixtures";

/*
 * Stories in both languages (decision 030): the book's examples in Dutch, an author's own
 * translation, and search over both versions.
 */

const EXAMPLE = "/stories/kpn-challenges-on-policy-questions";

test.describe("a Dutch browser", () => {
  test.use({ locale: "nl-NL" });

  test("reads the book's examples in Dutch, with the English original one click away", async ({ page }) => {
    await page.goto("/stories?lang=nl");
    // Every example can be read in Dutch, so the Dutch facet counts them.
    await expect(
      page.getByRole("link", {
        name: "Een ambulancedienst zoekt tools die de interne communicatie verbeteren",
      }),
    ).toBeVisible();

    await page.goto(EXAMPLE);
    await expect(
      page.getByRole("heading", {
        level: 1,
        name: "KPN organiseert challenges om medewerkers mee te laten denken over beleidsvraagstukken",
      }),
    ).toBeVisible();
    await expect(page.getByText("mee te denken bij belangrijke beleidsvraagstukken").first()).toBeVisible();
    const original = page.getByRole("link", { name: "Lees het origineel in het Engels" });
    await expect(original).toHaveAttribute("hreflang", "en");
    await original.click();
    await expect(
      page.getByRole("heading", {
        level: 1,
        name: "KPN organises challenges so employees can think along on policy questions",
      }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Lees het in het Nederlands" })).toHaveAttribute(
      "hreflang",
      "nl",
    );

    // Search engines find both versions.
    const alternates = await page
      .locator('link[rel="alternate"][hreflang]')
      .evaluateAll((links) =>
        links.map((link) => `${link.getAttribute("hreflang")} ${link.getAttribute("href")}`),
      );
    expect(alternates).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^nl .*\?lang=nl$/),
        expect.stringMatching(/^en .*\?lang=en$/),
      ]),
    );
  });
});

test("an author translates a Dutch story, an English browser reads it, and search finds either version", async ({
  page,
  browser,
}) => {
  const id = Date.now().toString(36);
  await signUp(page);
  await page.goto("/stories/new");
  await fillStoryForm(page, {
    title: `Wij delen kennis in een gildeoverleg ${id}`,
    body: `Elke week komen de vakgenoten samen in het gildeoverleg${id} om ervaringen uit te wisselen en van elkaar te leren.`,
    summary: "Een gilde van vakgenoten deelt kennis.",
    trigger: "Kennis bleef in hoofden zitten.",
  });
  await page.getByLabel("Language").selectOption("nl");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Wij delen kennis in een gildeoverleg ${id}` }),
  ).toBeVisible();
  const path = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "Add a translation" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}/translate$`));
  // Bad input keeps what was typed and says what is wrong.
  await page.getByLabel("Title").fill("Gild");
  await page.getByRole("button", { name: "Save translation" }).click();
  await expect(page.locator("#title-error")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("Gild");

  await page.getByLabel("Title").fill(`We share knowledge in a guild meeting ${id}`);
  await page.getByLabel("Summary").fill("A guild of peers shares what it knows.");
  await page
    .getByLabel("Story", { exact: true })
    .fill(
      `Every week the peers meet in the guildmeeting${id} to swap experiences and learn from each other.`,
    );
  await page.getByLabel("Trigger").fill("Knowledge stayed in people's heads.");
  await page.getByRole("button", { name: "Save translation" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `We share knowledge in a guild meeting ${id}` }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit the translation" })).toBeVisible();

  // A reader whose browser speaks English gets the translation, and the way back to the original.
  const reader = await newMemberPage(browser, "Reader");
  await reader.page.goto(path);
  await expect(
    reader.page.getByRole("heading", { level: 1, name: `We share knowledge in a guild meeting ${id}` }),
  ).toBeVisible();
  await expect(reader.page.getByText("Knowledge stayed in people's heads.")).toBeVisible();
  await expect(reader.page.getByRole("link", { name: "Read the original in Dutch" })).toHaveAttribute(
    "href",
    `${path}?lang=nl`,
  );

  // Search finds the story by a word of either version, and the language facet counts it under both.
  for (const word of [`gildeoverleg${id}`, `guildmeeting${id}`]) {
    await reader.page.goto(`/stories?q=${encodeURIComponent(word)}`);
    await expect(
      reader.page.getByRole("link", { name: `We share knowledge in a guild meeting ${id}` }),
    ).toBeVisible();
  }
  for (const lang of ["en", "nl"]) {
    await reader.page.goto(`/stories?q=${encodeURIComponent(`gildeoverleg${id}`)}&lang=${lang}`);
    await expect(
      reader.page.getByRole("link", { name: `We share knowledge in a guild meeting ${id}` }),
    ).toBeVisible();
  }

  // The history shows the translation's version, and the read API carries both versions.
  await page.goto(`${path}/history`);
  await expect(page.getByRole("heading", { name: "Translations" })).toBeVisible();
  await expect(page.getByText("English, version 1")).toBeVisible();
  const api = await (await reader.page.request.get(`/api/v1/stories${path.replace("/stories", "")}`)).json();
  expect(api.language).toBe("nl");
  expect(api.translations).toEqual([
    expect.objectContaining({ language: "en", title: `We share knowledge in a guild meeting ${id}` }),
  ]);
  await reader.close();
});
