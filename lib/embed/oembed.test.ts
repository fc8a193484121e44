import { describe, expect, it } from "vitest";
import { embedTargetOf, embedUrls, fitSize, iframeHtml, oembedDiscoveryUrl, oembedResponse } from "./oembed";

const ORIGIN = "https://vertrekpunt.example";

describe("embedTargetOf", () => {
  it("knows the model, a starting point and a story on this origin", () => {
    expect(embedTargetOf(`${ORIGIN}/starting-points`, ORIGIN)).toEqual({ kind: "model", lang: null });
    expect(embedTargetOf(`${ORIGIN}/starting-points/using-knowledge?lang=nl`, ORIGIN)).toEqual({
      kind: "startingPoint",
      slug: "using-knowledge",
      lang: "nl",
    });
    expect(embedTargetOf(`${ORIGIN}/stories/a-story-1/`, ORIGIN)).toEqual({
      kind: "story",
      slug: "a-story-1",
      lang: null,
    });
  });

  it("refuses other sites, other pages and URLs that are no URL", () => {
    for (const url of [
      "https://evil.example/stories/a-story",
      "http://vertrekpunt.example/stories/a-story",
      "https://vertrekpunt.example.evil.example/stories/a-story",
      "https://user:pw@vertrekpunt.example/stories/a-story",
      `${ORIGIN}/stories`,
      `${ORIGIN}/stories/a-story/edit`,
      `${ORIGIN}/starting-points/a+b`,
      `${ORIGIN}/members/someone`,
      `${ORIGIN}/stories/..%2Fadmin`,
      "/stories/a-story",
      "javascript:alert(1)",
      "",
    ]) {
      expect(embedTargetOf(url, ORIGIN), url).toBeNull();
    }
  });
});

describe("embed URLs and the snippet", () => {
  it("points each page at its embed, keeping a chosen language", () => {
    expect(embedUrls({ kind: "model", lang: null }, ORIGIN).embed).toBe(`${ORIGIN}/embed/model`);
    expect(embedUrls({ kind: "startingPoint", slug: "using-knowledge", lang: "en" }, ORIGIN)).toEqual({
      page: `${ORIGIN}/starting-points/using-knowledge`,
      embed: `${ORIGIN}/embed/model?sp=using-knowledge&lang=en`,
    });
    expect(embedUrls({ kind: "story", slug: "s", lang: "nl" }, ORIGIN).embed).toBe(
      `${ORIGIN}/embed/stories/s?lang=nl`,
    );
  });

  it("escapes the title in the iframe", () => {
    const html = iframeHtml({
      src: `${ORIGIN}/embed/model?sp=a&lang=nl`,
      width: 10,
      height: 20,
      title: `"><script>alert(1)</script>`,
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain('src="https://vertrekpunt.example/embed/model?sp=a&#38;lang=nl"');
    expect(html).toMatch(/^<iframe [^>]*width="10" height="20"[^>]*><\/iframe>$/);
  });

  it("fits within the consumer's maxwidth and maxheight, never larger than ours", () => {
    expect(fitSize({ width: 560, height: 500 }, "400", null)).toEqual({ width: 400, height: 500 });
    expect(fitSize({ width: 560, height: 500 }, "9999", "300")).toEqual({ width: 560, height: 300 });
    expect(fitSize({ width: 560, height: 500 }, "-1", "abc")).toEqual({ width: 560, height: 500 });
  });

  it("answers the rich type with the fields the spec requires", () => {
    const response = oembedResponse({
      providerName: "Vertrekpunt",
      origin: ORIGIN,
      title: "T",
      embed: `${ORIGIN}/embed/model`,
      width: 560,
      height: 500,
    });
    expect(response).toMatchObject({
      version: "1.0",
      type: "rich",
      width: 560,
      height: 500,
      provider_url: `${ORIGIN}/`,
    });
    expect(response.html).toContain(`src="${ORIGIN}/embed/model"`);
    expect(oembedDiscoveryUrl(`${ORIGIN}/stories/s`)).toBe(
      "/oembed?url=https%3A%2F%2Fvertrekpunt.example%2Fstories%2Fs&format=json",
    );
  });
});
