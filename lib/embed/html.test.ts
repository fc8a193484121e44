import { describe, expect, it } from "vitest";
import { embedDocument, modelEmbedBody, storyEmbedBody } from "./html";

const TEXT = {
  title: "Model",
  intro: "2 stories",
  countsHeading: "Per starting point",
  storyCount: (n: number) => `${n} stories`,
  caption: "Together",
  noData: "None together",
  more: "More",
};
const SPS = [
  { slug: "a", name: "Alpha", position: 1 },
  { slug: "b", name: "Beta <b>", position: 2 },
];

describe("model embed", () => {
  it("lists counts per starting point and the pairs as a table with headers", () => {
    const html = modelEmbedBody(
      {
        startingPoints: SPS,
        counts: [
          [3, 1],
          [1, 2],
        ],
        highlight: "b",
      },
      TEXT,
      "https://x.example/starting-points",
    );
    expect(html).toContain("3 stories");
    expect(html).toContain("Beta &#60;b&#62;");
    expect(html).not.toContain("<b>");
    expect(html).toContain("<caption>Together</caption>");
    expect(html.match(/<th scope="row"/g)).toHaveLength(2);
    expect(html).toContain('<th scope="row" class="hl">2. Beta');
    expect(html).toContain('target="_blank" rel="noopener"');
  });

  it("shows the table without pairs, and says so only when there are no stories at all", () => {
    expect(
      modelEmbedBody(
        {
          startingPoints: SPS,
          counts: [
            [3, 0],
            [0, 2],
          ],
        },
        TEXT,
        "/",
      ),
    ).toContain("<table>");
    const html = modelEmbedBody(
      {
        startingPoints: SPS,
        counts: [
          [0, 0],
          [0, 0],
        ],
      },
      TEXT,
      "/",
    );
    expect(html).not.toContain("<table>");
    expect(html).toContain("None together");
  });
});

describe("story embed", () => {
  it("escapes every field and marks text in another language", () => {
    const html = embedDocument({
      locale: "en",
      title: "<x>",
      body: storyEmbedBody(
        {
          title: "<img src=x onerror=alert(1)>",
          organisation: "Org & co",
          startingPoints: [{ name: "Alpha", position: 1 }],
          firstLines: "Eerste regels",
          language: "nl",
        },
        { startingPoints: "Starting points", exampleFromBook: null, more: "Read" },
        "https://x.example/stories/s",
      ),
    });
    expect(html).not.toContain("<img");
    expect(html).toContain("Org &#38; co");
    expect(html).toContain('<p lang="nl">Eerste regels</p>');
    expect(html).toContain('<html lang="en">');
    expect(html).not.toContain("<script");
  });
});
