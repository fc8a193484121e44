import { expect, MODERATOR, newMemberPage, signIn, signUp, test, writeStory } from "./fixtures";

test.describe("the model, tested by its readers", () => {
  test("readers recognise starting points in a story; authors and visitors cannot", async ({
    page,
    browser,
  }) => {
    await signUp(page);
    const path = await writeStory(page, {
      title: `Recognisable story ${Date.now()}`,
      startingPoints: ["Improving the work practice"],
    });
    const panel = page.getByRole("region", { name: "Which starting points do readers recognise?" });
    await expect(panel.getByText("Tagged by the author", { exact: true })).toHaveCount(1);
    await expect(panel.getByRole("button")).toHaveCount(0);
    await expect(panel).toContainText("as the author");

    const reader = await newMemberPage(browser);
    await reader.page.goto(path);
    const readerPanel = reader.page.getByRole("region", {
      name: "Which starting points do readers recognise?",
    });
    await readerPanel
      .getByRole("button", { name: "I recognise this: Making use of knowledge in the organisation" })
      .click();
    await expect(readerPanel.getByTestId("readers-using-knowledge")).toHaveText("1 reader recognises this");
    await expect(
      readerPanel.getByRole("button", { name: "Withdraw: Making use of knowledge in the organisation" }),
    ).toBeVisible();
    // Reloading (or clicking again in another tab) does not count twice.
    await reader.page.reload();
    await expect(readerPanel.getByTestId("readers-using-knowledge")).toHaveText("1 reader recognises this");
    await readerPanel
      .getByRole("button", { name: "Withdraw: Making use of knowledge in the organisation" })
      .click();
    await expect(readerPanel.getByTestId("readers-using-knowledge")).toHaveText(
      "No readers recognise this yet",
    );
    await readerPanel.getByRole("button", { name: "I recognise this: Improving the work practice" }).click();
    await expect(readerPanel.getByTestId("readers-improving-work-practice")).toHaveText(
      "1 reader recognises this",
    );
    await reader.close();

    const anonymous = await browser.newContext();
    const anonymousPage = await anonymous.newPage();
    await anonymousPage.goto(path);
    await expect(
      anonymousPage.getByRole("link", {
        name: "Sign in to say which starting points you recognise in this story.",
      }),
    ).toBeVisible();
    await expect(anonymousPage.getByTestId("readers-improving-work-practice")).toHaveText(
      "1 reader recognises this",
    );
    await anonymous.close();
  });

  test("members say they recognise a starting point in their organisation, with the trigger", async ({
    page,
  }) => {
    const member = await signUp(page);
    await page.goto("/starting-points/collaborating-across-boundaries");
    const note = `Our teams sit in four countries (${Date.now()}).`;
    await page.getByLabel("What was the trigger? (optional)").fill(note);
    await page.getByRole("button", { name: "I recognise this in my organisation" }).click();
    await expect(page.getByText("You recognise this starting point in your organisation.")).toBeVisible();
    const listed = page.getByRole("listitem").filter({ hasText: note });
    await expect(listed).toContainText(member.name);
    await expect(page.getByRole("button", { name: "Update my note" })).toBeVisible();

    await page.getByLabel("What was the trigger? (optional)").fill("x".repeat(501));
    await page.getByRole("button", { name: "Update my note" }).click();
    await expect(page.locator("#note-error")).toHaveText("Use at most 500 characters.");

    await page.reload();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Withdraw my recognition" }).click();
    await expect(page.getByText(note)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "I recognise this in my organisation" })).toBeVisible();
  });

  test("a member proposes a starting point, others support and discuss it, a moderator accepts it", async ({
    page,
    browser,
  }) => {
    await signUp(page);
    const name = `Responding to a crisis ${Date.now()}`;
    await page.goto("/starting-points");
    await page.getByLabel("Name").fill(name);
    await page
      .getByLabel("Explanation")
      .fill("Some organisations set out because a crisis forced them to work at a distance overnight.");
    await page
      .getByLabel("Stories that show it (optional)")
      .fill("/stories/perspectivity-network-connecting-across-continents");
    await page.getByRole("button", { name: "Propose" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Proposal: ${name}` })).toBeVisible();
    await expect(page.getByRole("link", { name: /Perspectivity network/ })).toBeVisible();
    await expect(page.getByText("This is your proposal.")).toBeVisible();
    const proposalUrl = page.url();

    const supporter = await newMemberPage(browser, "Supporter");
    await supporter.page.goto(proposalUrl);
    await supporter.page.getByRole("button", { name: "Support this proposal" }).click();
    await expect(supporter.page.getByTestId("support-count")).toHaveText("1 supporter");
    await expect(supporter.page.getByText("You support this proposal.")).toBeVisible();
    await supporter.page.getByLabel("Comment").fill("We saw exactly this in 2020.");
    await supporter.page.getByRole("button", { name: "Post comment" }).click();
    await expect(supporter.page.getByText("We saw exactly this in 2020.")).toBeVisible();
    await supporter.close();

    // Visitors see it listed with its support; members cannot decide.
    await page.goto("/starting-points");
    await expect(page.getByRole("listitem").filter({ hasText: name })).toContainText("1 supporter");
    await page.goto(proposalUrl);
    await expect(page.getByRole("heading", { name: "Decide (moderators)" })).toHaveCount(0);

    const moderatorContext = await browser.newContext({ locale: "en-GB" });
    const moderator = await moderatorContext.newPage();
    await signIn(moderator, MODERATOR);
    await moderator.goto(proposalUrl);
    await moderator.getByRole("button", { name: "Save decision" }).click();
    await expect(moderator.locator("#decision-nameNl-error")).toHaveText("This field is required.");
    await moderator.getByLabel("Name in Dutch").fill(`Reageren op een crisis ${Date.now()}`);
    await moderator
      .getByLabel("Description in Dutch")
      .fill("Een crisis dwong organisaties om van de ene op de andere dag op afstand te werken.");
    await moderator.getByRole("button", { name: "Save decision" }).click();
    await expect(
      moderator.getByRole("heading", { name: `Accepted as a new starting point: ${name}.` }),
    ).toBeVisible();
    await moderatorContext.close();

    // The proposer sees the outcome, and the new starting point is part of the model.
    await page.reload();
    await expect(
      page.getByRole("heading", { name: `Accepted as a new starting point: ${name}.` }),
    ).toBeVisible();
    await page.getByRole("link", { name }).last().click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await page.goto("/stories/new");
    await expect(page.getByRole("checkbox", { name })).toBeVisible();
  });

  test("moderators decline with a reason that the proposer reads", async ({ page, browser }) => {
    await signUp(page);
    const name = `Because it is fun ${Date.now()}`;
    await page.goto("/starting-points");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Explanation").fill("Some people simply enjoy trying out new tools at work.");
    await page.getByRole("button", { name: "Propose" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Proposal: ${name}` })).toBeVisible();
    const proposalUrl = page.url();

    const moderatorContext = await browser.newContext({ locale: "en-GB" });
    const moderator = await moderatorContext.newPage();
    await signIn(moderator, MODERATOR);
    await moderator.goto(proposalUrl);
    await moderator.getByRole("radio", { name: "Decline" }).check();
    await moderator
      .getByLabel("Reason for the proposer")
      .fill("Enjoyment is welcome, but it is not a reason organisations give.");
    await moderator.getByRole("button", { name: "Save decision" }).click();
    await expect(moderator.getByRole("heading", { name: "Declined." })).toBeVisible();
    await moderatorContext.close();

    await page.reload();
    await expect(
      page.getByText("Enjoyment is welcome, but it is not a reason organisations give."),
    ).toBeVisible();
    await page.goto("/starting-points");
    const decided = page.getByRole("listitem").filter({ hasText: name });
    await expect(decided).toContainText("Declined");
  });

  test("the model page shows the evidence as a chart with data tables", async ({ page }) => {
    await page.goto("/starting-points");
    await expect(page.getByRole("img", { name: /How often starting points occur together/ })).toBeVisible();
    await expect(page.getByRole("table", { name: /published stories that carry both/ })).toBeVisible();
    await expect(page.getByRole("table", { name: /stories tagged by their authors/ })).toBeVisible();
    await expect(
      page.getByText(/Starting points 1 and 3: \d+ stor(y carries|ies carry) both, overlap/),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "Do readers see what authors tagged?" })).toBeVisible();
  });

  test("the research export lists published stories with tags and counts, without emails", async ({
    page,
    request,
  }) => {
    const member = await signUp(page);
    const title = `Exported story ${Date.now()}`;
    const path = await writeStory(page, {
      title,
      startingPoints: ["Improving the work practice", "Learning from and with the outside world"],
    });
    await page.getByLabel("Comment").fill("A comment to count.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("heading", { name: "Comments (1)" })).toBeVisible();

    const csvResponse = await request.get("/starting-points/export.csv");
    expect(csvResponse.headers()["content-type"]).toContain("text/csv");
    const csv = await csvResponse.text();
    const [header, ...lines] = csv.trim().split("\r\n");
    expect(header.split(",").slice(0, 10)).toEqual([
      "id",
      "slug",
      "title",
      "organisation",
      "organisation_type",
      "language",
      "published_at",
      "updated_at",
      "author",
      "author_tags",
    ]);
    expect(header).toContain("recognised_using-knowledge");
    // The author's own translations close each row (issue 18).
    expect(header.endsWith(",comment_count,translation_languages,translated_titles")).toBe(true);
    const kpn = lines.find((line) => line.includes(",kpn-challenges-on-policy-questions,"));
    expect(kpn).toContain(",KPN,company,en,2026-01-17T09:00:00.000Z,");
    expect(kpn).toContain(",Editors,using-knowledge,");
    const mine = lines.find((line) => line.includes(path.slice("/stories/".length)));
    expect(mine).toContain(`,${member.name},improving-work-practice;learning-with-outside-world,`);
    // One comment, no translation.
    expect(mine?.endsWith(",1,,")).toBe(true);
    expect(csv).not.toContain("@");

    const json = await (await request.get("/starting-points/export.json")).json();
    const story = json.stories.find((s: { slug: string }) => `/stories/${s.slug}` === path);
    expect(story).toMatchObject({
      title,
      author: member.name,
      authorTags: ["improving-work-practice", "learning-with-outside-world"],
      commentCount: 1,
    });
    expect(json.stories.length).toBe(lines.length);
    expect(JSON.stringify(json)).not.toContain(member.email);
  });
});
