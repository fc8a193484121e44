import { describe, expect, it } from "vitest";
import { aggregateScripts } from "./first-load";

describe("aggregateScripts", () => {
  it("sums raw and gzip sizes, counting a script fetched twice once", () => {
    const result = aggregateScripts("/stories/[slug]", "/stories/a", [
      { url: "http://x/_next/static/chunks/a.js", rawBytes: 1000, gzipBytes: 400 },
      { url: "http://x/_next/static/chunks/b.js", rawBytes: 3000, gzipBytes: 900 },
      { url: "http://x/_next/static/chunks/a.js", rawBytes: 1000, gzipBytes: 400 },
    ]);
    expect(result).toEqual({
      route: "/stories/[slug]",
      path: "/stories/a",
      scripts: 2,
      rawBytes: 4000,
      gzipBytes: 1300,
    });
  });

  it("gives zeros for a page without scripts", () => {
    expect(aggregateScripts("/", "/", [])).toMatchObject({ scripts: 0, rawBytes: 0, gzipBytes: 0 });
  });
});
