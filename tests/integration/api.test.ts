import Ajv2020 from "ajv/dist/2020";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getStartingPoints } from "@/app/api/v1/starting-points/route";
import { GET as getRelated } from "@/app/api/v1/stories/[slug]/related/route";
import { GET as getStory } from "@/app/api/v1/stories/[slug]/route";
import { GET as listStories } from "@/app/api/v1/stories/route";
import { openApiDocument } from "@/lib/api/openapi";
import "@/lib/api/schemas";
import { createStory } from "@/lib/stories/writes";
import { newMember } from "../support/members";

const ORIGIN = "https://vertrekpunt.test";
process.env.SITE_URL = ORIGIN;

// Validates a response body against a schema of the OpenAPI document, as a client would.
const document = openApiDocument(ORIGIN) as { components: { schemas: Record<string, object> } };
const ajv = new Ajv2020({ strict: false, allErrors: true });
for (const [id, schema] of Object.entries(document.components.schemas))
  ajv.addSchema(schema, `#/components/schemas/${id}`);
function expectValid(id: string, body: unknown) {
  const validate = ajv.getSchema(`#/components/schemas/${id}`)!;
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/api/v1${path}`, { headers });
const slugParams = (slug: string) => ({ params: Promise.resolve({ slug }) });

let draftSlug = "";
beforeAll(async () => {
  const author = await newMember("Api Author", { prefix: "api" });
  ({ slug: draftSlug } = await createStory({
    authorId: author.id,
    intent: "draft",
    input: {
      title: "A draft the API never shows",
      organisation: "Org",
      organisationType: "other",
      summary: "",
      body: "This draft is long enough to be saved, but nobody else may read it.",
      trigger: "",
      tools: [],
      language: "en",
      startingPoints: ["using-knowledge"],
    },
  }));
});

describe("read API", () => {
  it("lists stories that match the OpenAPI document, with CORS, ETag and 304", async () => {
    const response = await listStories(get("/stories?limit=4"));
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = await response.json();
    expectValid("StoryList", body);
    expect(body.data).toHaveLength(4);
    expect(body.total).toBe(10);
    expect(body.data[0].url).toBe(`${ORIGIN}/stories/${body.data[0].slug}`);

    const etag = response.headers.get("etag")!;
    const again = await listStories(get("/stories?limit=4", { "If-None-Match": etag }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    const next = await (await listStories(get(`/stories?limit=4&after=${body.next}`))).json();
    expectValid("StoryList", next);
    expect(next.data.map((s: { slug: string }) => s.slug)).not.toContain(body.data[0].slug);
    expect(next.previous).not.toBeNull();
  });

  it("filters like the page: all of the starting points, any of the languages and types, search", async () => {
    const knowledge = await (await listStories(get("/stories?sp=using-knowledge"))).json();
    expect(knowledge.total).toBe(3);
    expect(
      knowledge.data.every((s: { startingPoints: string[] }) => s.startingPoints.includes("using-knowledge")),
    ).toBe(true);
    const both = await (
      await listStories(get("/stories?sp=using-knowledge&sp=improving-work-practice"))
    ).json();
    expect(both.total).toBe(0);
    const gov = await (await listStories(get("/stories?type=government&type=healthcare"))).json();
    expect(gov.total).toBe(5);
    const search = await (await listStories(get("/stories?q=hospital"))).json();
    expect(search.data.map((s: { organisation: string }) => s.organisation)).toEqual(["Hospital"]);
  });

  it.each([
    ["/stories?sp=nope", "sp"],
    ["/stories?lang=de", "lang"],
    ["/stories?type=bank", "type"],
    ["/stories?limit=0", "limit"],
    ["/stories?limit=51", "limit"],
    ["/stories?limit=ten", "limit"],
    ["/stories?after=not-a-cursor", "after"],
    ["/stories?sort=popular", "sort"],
    ["/stories?match=some", "match"],
    ["/stories?from=2024-02-30", "from"],
    ["/stories?to=yesterday", "to"],
    [`/stories?tool=${"x".repeat(81)}`, "tool"],
    [`/stories?q=${"x".repeat(201)}`, "q"],
  ])("answers %s with 400 naming the parameter", async (path, parameter) => {
    const response = await listStories(get(path));
    expect(response.status).toBe(400);
    const body = await response.json();
    expectValid("Error", body);
    expect(body.error.parameter).toBe(parameter);
    expect(body.error.message).toContain(parameter);
  });

  it("sorts and pages like the page, and refuses a cursor made for another sort", async () => {
    const byDiscussion = await (await listStories(get("/stories?sort=discussed&limit=3"))).json();
    expectValid("StoryList", byDiscussion);
    const counts = byDiscussion.data.map((story: { commentCount: number }) => story.commentCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const next = await (
      await listStories(get(`/stories?sort=discussed&limit=3&after=${byDiscussion.next}`))
    ).json();
    expect(next.data.map((s: { slug: string }) => s.slug)).not.toContain(byDiscussion.data[0].slug);

    const mixed = await listStories(get(`/stories?sort=newest&after=${byDiscussion.next}`));
    expect(mixed.status).toBe(400);
    expect((await mixed.json()).error.parameter).toBe("after");

    const anyOf = await (
      await listStories(get("/stories?sp=using-knowledge&sp=learning-with-outside-world&match=any&limit=50"))
    ).json();
    const allOf = await (
      await listStories(get("/stories?sp=using-knowledge&sp=learning-with-outside-world&limit=50"))
    ).json();
    expect(anyOf.total).toBeGreaterThan(allOf.total);
    expect(
      anyOf.data.every((s: { startingPoints: string[] }) =>
        s.startingPoints.some((sp) => ["using-knowledge", "learning-with-outside-world"].includes(sp)),
      ),
    ).toBe(true);

    const dated = await (await listStories(get("/stories?from=2999-01-01"))).json();
    expect(dated.total).toBe(0);
    const byAuthor = await (await listStories(get("/stories?author=editors&limit=50"))).json();
    expect(byAuthor.total).toBe(10);
  });

  it("returns one published story with its body, and 404 for drafts and unknown slugs", async () => {
    const response = await getStory(
      get("/stories/kpn-challenges-on-policy-questions"),
      slugParams("kpn-challenges-on-policy-questions"),
    );
    const story = await response.json();
    expectValid("Story", story);
    expect(story).toMatchObject({
      organisation: "KPN",
      startingPoints: ["using-knowledge"],
      isExample: true,
      author: { name: "Editors" },
    });
    expect(story.bodyHtml).toContain("<p>");

    for (const slug of [draftSlug, "no-such-story"]) {
      const missing = await getStory(get(`/stories/${slug}`), slugParams(slug));
      expect(missing.status).toBe(404);
      expectValid("Error", await missing.json());
    }
  });

  it("lists the starting points in both languages", async () => {
    const body = await (await getStartingPoints(get("/starting-points"))).json();
    expectValid("StartingPointList", body);
    expect(body.data[0]).toMatchObject({
      slug: "improving-work-practice",
      position: 1,
      name: { en: "Improving the work practice", nl: "Verbeteren van de werkpraktijk" },
      storyCount: 3,
    });
  });

  it("documents every endpoint in OpenAPI 3.1", () => {
    const doc = openApiDocument(ORIGIN) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/starting-points",
      "/stories",
      "/stories/{slug}",
      "/stories/{slug}/related",
    ]);
  });

  it("lists up to five related published stories, and nothing for a draft", async () => {
    const response = await getRelated(
      get("/stories/hospital-enterprise-social-network-knowledge-sharing/related"),
      slugParams("hospital-enterprise-social-network-knowledge-sharing"),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expectValid("RelatedStoryList", body);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.length).toBeLessThanOrEqual(5);
    expect(body.data.map((r: { slug: string }) => r.slug)).not.toContain(
      "hospital-enterprise-social-network-knowledge-sharing",
    );
    expect(body.data[0].url).toMatch(new RegExp(`^${ORIGIN}/stories/`));
    expect((await getRelated(get(`/stories/${draftSlug}/related`), slugParams(draftSlug))).status).toBe(404);
  });
});
