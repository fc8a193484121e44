import { describe, expect, it } from "vitest";
import { highlightSnippet } from "./highlight";

describe("search snippets", () => {
  it("marks matches and escapes everything else", () => {
    expect(highlightSnippet("We \u0002collaborate\u0003 <script>alert(1)</script> & more")).toBe(
      "We <mark>collaborate</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; more",
    );
  });

  it("cannot be tricked into markup by the text itself", () => {
    expect(highlightSnippet('<mark onclick="x">')).toBe("&lt;mark onclick=&quot;x&quot;&gt;");
  });
});
