import { expect, expectNoSeriousViolations, fillStoryForm, signUp, test, uniqueMember } from "./fixtures";

/*
 * The model learns from its stories (decision 026): suggested starting points on the story
 * form with and without JavaScript, in English and Dutch; related stories; the triggers; the
 * model over time; the evaluation figures.
 */

const KNOWLEDGE_STORY = {
  title: "An enterprise social network for our experts",
  body: "Our hospital started an enterprise social network that bundles the expertise of our staff, so that colleagues share their knowledge and find the experts they need.",
};

test.describe("suggested starting points", () => {
  test("follow the text as the author types, with the words that led there, and tick nothing", async ({
    page,
  }) => {
    await signUp(page);
    await page.goto("/stories/new");
    const region = page.getByRole("region", { name: "Suggested starting points" });
    await expect(region).toContainText("Write a few sentences");
    await page.getByLabel("Title").fill(KNOWLEDGE_STORY.title);
    await page.getByLabel("Story", { exact: true }).fill(KNOWLEDGE_STORY.body);
    const knowledge = region
      .getByRole("listitem")
      .filter({ hasText: "Making use of knowledge in the organisation" });
    await expect(knowledge).toBeVisible();
    await expect(knowledge).toContainText(/confidence \d+%/);
    await expect(knowledge).toContainText(/Words that led there: .*expertise/);
    await expect(
      page.getByRole("checkbox", { name: "Making use of knowledge in the organisation" }),
    ).not.toBeChecked();
    await expectNoSeriousViolations(page);

    // The author decides; the story then has related stories from the book's examples.
    await fillStoryForm(page, {
      ...KNOWLEDGE_STORY,
      title: `${KNOWLEDGE_STORY.title} ${Date.now()}`,
      startingPoints: ["Making use of knowledge in the organisation"],
    });
    await page.getByRole("button", { name: "Publish" }).click();
    const related = page.getByRole("region", { name: "Related stories" });
    await expect(
      related.getByRole("link", {
        name: "A hospital uses an enterprise social network to encourage knowledge sharing",
      }),
    ).toBeVisible({ timeout: 15_000 });
    const links = related.getByRole("link");
    expect(await links.count()).toBeLessThanOrEqual(5);
    for (const href of await links.evaluateAll((all) => all.map((a) => a.getAttribute("href"))))
      expect(href).toMatch(/^\/stories\//);
  });

  test("without JavaScript the button answers and keeps everything typed", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    const member = uniqueMember("NoJsSuggest");
    await page.goto("/signup");
    await page.getByLabel("Name").fill(member.name);
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(member.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.goto("/stories/new");
    await page.getByLabel("Title").fill(KNOWLEDGE_STORY.title);
    await page.getByLabel("Organisation", { exact: true }).fill("A hospital");
    await page.getByLabel("Story", { exact: true }).fill(KNOWLEDGE_STORY.body);
    await page.getByLabel("Trigger").fill("Nobody knew who knew what.");
    await page.getByRole("checkbox", { name: "Learning from and with the outside world" }).check();
    await page.getByRole("button", { name: "Suggest starting points" }).click();

    const region = page.getByRole("region", { name: "Suggested starting points" });
    const knowledge = region
      .getByRole("listitem")
      .filter({ hasText: "Making use of knowledge in the organisation" });
    await expect(knowledge).toContainText(/Words that led there: .*expertise/);
    await expect(page.getByLabel("Title")).toHaveValue(KNOWLEDGE_STORY.title);
    await expect(page.getByLabel("Organisation", { exact: true })).toHaveValue("A hospital");
    await expect(page.getByLabel("Story", { exact: true })).toHaveValue(KNOWLEDGE_STORY.body);
    await expect(page.getByLabel("Trigger")).toHaveValue("Nobody knew who knew what.");
    await expect(
      page.getByRole("checkbox", { name: "Learning from and with the outside world" }),
    ).toBeChecked();
    await expect(
      page.getByRole("checkbox", { name: "Making use of knowledge in the organisation" }),
    ).not.toBeChecked();
    // Nothing was saved: no error summary, still the form.
    await expect(page.getByRole("heading", { level: 1, name: "Write a story" })).toBeVisible();
    await context.close();
  });

  test("in Dutch, for Dutch text, with and without JavaScript", async ({ page, browser }) => {
    await signUp(page);
    await page.getByRole("button", { name: "Nederlands" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await page.goto("/stories/new");
    await page.getByLabel("Titel").fill("Een enterprise social network voor onze experts");
    await page.getByLabel("Taal").selectOption({ label: "Nederlands" });
    await page
      .getByLabel("Verhaal", { exact: true })
      .fill(
        "Ons ziekenhuis begon een enterprise social network dat de expertise van medewerkers bundelt, zodat collega's hun kennis delen.",
      );
    const region = page.getByRole("region", { name: "Voorgestelde vertrekpunten" });
    const knowledge = region.getByRole("listitem").filter({ hasText: "Kennis benutten in de organisatie" });
    await expect(knowledge).toContainText(/zekerheid \d+\s?%/);
    await expect(knowledge).toContainText("Woorden die hierheen leidden:");
    await expect(page.getByRole("checkbox", { name: "Kennis benutten in de organisatie" })).not.toBeChecked();

    const noScript = await browser.newContext({
      javaScriptEnabled: false,
      locale: "nl-NL",
      storageState: await page.context().storageState(),
    });
    const plain = await noScript.newPage();
    await plain.goto("/stories/new");
    await expect(plain.locator("html")).toHaveAttribute("lang", "nl");
    await plain.getByLabel("Titel").fill("Kennis bundelen");
    await plain.getByLabel("Taal").selectOption({ label: "Nederlands" });
    await plain
      .getByLabel("Verhaal", { exact: true })
      .fill(
        "Een overheidsorganisatie wilde haar expertise over gaming bundelen, zodat medewerkers kennis delen.",
      );
    await plain.getByRole("button", { name: "Vertrekpunten voorstellen" }).click();
    await expect(
      plain
        .getByRole("region", { name: "Voorgestelde vertrekpunten" })
        .getByRole("listitem")
        .filter({ hasText: "Kennis benutten in de organisatie" }),
    ).toContainText("Woorden die hierheen leidden:");
    await expect(plain.getByLabel("Titel")).toHaveValue("Kennis bundelen");
    await noScript.close();
  });
});

test.describe("what the model learns, on the model page", () => {
  test("the triggers per starting point, each word leading to the triggers that use it", async ({ page }) => {
    await page.goto("/starting-points");
    const section = page.getByRole("region", { name: "What was the trigger?" });
    await expect(section).toBeVisible();
    const term = section.getByRole("link", { name: /\(\d+ mentions?\)/ }).first();
    await expect(term).toBeVisible();
    await term.click();
    await expect(page).toHaveURL(/\/starting-points\/triggers\?sp=.+&term=.+/);
    await expect(page.getByRole("heading", { level: 1, name: /Triggers mentioning/ })).toBeVisible();
    const stories = page.getByRole("region", { name: "Stories" }).getByRole("link");
    await expect(stories.first()).toHaveAttribute("href", /^\/stories\//);
    await expectNoSeriousViolations(page);

    await page.goto("/starting-points/triggers");
    await expect(page.getByRole("heading", { level: 1, name: "What was the trigger?" })).toBeVisible();
    await expect(
      page.getByRole("heading", { level: 2, name: "3. Making use of knowledge in the organisation" }),
    ).toBeVisible();
    await expectNoSeriousViolations(page);
    expect((await page.goto("/starting-points/triggers?sp=nope&term=email"))?.status()).toBe(404);
  });

  test("how well the text predicts the tags, the model over time, and both fit a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/starting-points");
    const evaluation = page.getByRole("region", { name: "How well the text predicts the tags" });
    await expect(evaluation).toContainText(/macro-F1 \d\.\d\d for the suggestions, against \d\.\d\d/);
    await expect(evaluation.getByRole("table")).toContainText("Making use of knowledge in the organisation");
    await expect(evaluation).toContainText(
      /Authors agreed with the suggestion in \d+% of stories|No story has been published with a suggestion yet/,
    );
    const overTime = page.getByRole("region", { name: "The model over time" });
    await expect(overTime.getByRole("img", { name: "Stories per starting point per quarter" })).toBeVisible();
    await expect(
      overTime.getByRole("img", { name: "Starting points 1 and 3 together per quarter" }),
    ).toBeVisible();
    await expect(overTime.getByRole("table")).toContainText(/Q\d \d{4}/);
    // The new parts never widen the page: wide tables scroll in their own box.
    for (const name of [
      "How well the text predicts the tags",
      "The model over time",
      "What was the trigger?",
    ]) {
      const widths = await page
        .getByRole("region", { name })
        .evaluate((el) => ({ scroll: el.scrollWidth, view: document.documentElement.clientWidth }));
      expect(widths.scroll, name).toBeLessThanOrEqual(widths.view);
    }
    await expectNoSeriousViolations(page);
  });

  test("the read API lists related stories, and documents them", async ({ request }) => {
    const response = await request.get(
      "/api/v1/stories/hospital-enterprise-social-network-knowledge-sharing/related",
    );
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { data: { slug: string; url: string }[] };
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.length).toBeLessThanOrEqual(5);
    expect(body.data.map((r) => r.slug)).not.toContain(
      "hospital-enterprise-social-network-knowledge-sharing",
    );
    const openapi = (await (await request.get("/api/v1/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toContain("/stories/{slug}/related");
  });
});
