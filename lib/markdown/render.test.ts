import { characterEntities } from "character-entities";
import { characterEntitiesLegacy } from "character-entities-legacy";
import { describe, expect, it } from "vitest";
import { XSS_PAYLOADS } from "@/tests/support/xss-payloads";
import { markdownToPlainText, renderMarkdown } from "./render";

// ---------------------------------------------------------------------------
// HTML inspection helper
//
// No full HTML parser (parse5 / hast-util-from-html / rehype-parse) is
// installed, so this is a small tokenizer that follows the WHATWG tokenizer
// states that matter for XSS: data, tag open, end tag open, tag name,
// attribute name / value (double, single, unquoted), self-closing start tag,
// comments, bogus comments and character references in attribute values.
// It sees tags and attributes the way a browser would (e.g. `<svg/onload=..>`
// has an `onload` attribute, `&#106;avascript:` decodes to `javascript:`).
// Deliberately stricter than a browser: tags cut off by end-of-input are still
// reported rather than dropped.
// ---------------------------------------------------------------------------

interface Tag {
  name: string;
  attributes: Array<{ name: string; value: string }>;
}

const WHITESPACE = /[\t\n\f\r ]/;
const ASCII_ALPHA = /[A-Za-z]/;
const LEGACY_ENTITIES = new Set(characterEntitiesLegacy);

function decodeCharacterReferences(value: string): string {
  return value.replace(
    /&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*)(;?))/g,
    (match, hex: string | undefined, dec: string | undefined, name, semi) => {
      if (hex !== undefined || dec !== undefined) {
        const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
        const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
        return String.fromCodePoint(invalid ? 0xfffd : code);
      }
      if (semi && Object.hasOwn(characterEntities, name)) {
        return characterEntities[name];
      }
      // Legacy references without `;` (e.g. `&amp`); in attribute values a
      // browser leaves them alone when followed by an alphanumeric or `=`,
      // but decoding them anyway only makes this checker stricter.
      if (!semi && LEGACY_ENTITIES.has(name)) return characterEntities[name];
      return match;
    },
  );
}

/** Start tags (with decoded attributes) in document order. End tags are skipped. */
function parseTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  const n = html.length;

  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt === -1) break;
    i = lt + 1;
    const next = html[i];

    if (next === "!") {
      if (html.startsWith("--", i + 1)) {
        // Comment; `<!-->` and `<!--->` close immediately.
        const bodyStart = i + 3;
        if (html[bodyStart] === ">") {
          i = bodyStart + 1;
        } else if (html.startsWith("->", bodyStart)) {
          i = bodyStart + 2;
        } else {
          const end = html.indexOf("-->", bodyStart);
          i = end === -1 ? n : end + 3;
        }
      } else {
        const end = html.indexOf(">", i); // doctype / bogus comment
        i = end === -1 ? n : end + 1;
      }
      continue;
    }
    if (next === "?") {
      const end = html.indexOf(">", i); // bogus comment
      i = end === -1 ? n : end + 1;
      continue;
    }

    let isEndTag = false;
    if (next === "/") {
      if (i + 1 < n && ASCII_ALPHA.test(html[i + 1])) {
        isEndTag = true;
        i += 1;
      } else if (html[i + 1] === ">") {
        i += 2; // `</>` is ignored
        continue;
      } else {
        const end = html.indexOf(">", i); // bogus comment
        i = end === -1 ? n : end + 1;
        continue;
      }
    } else if (next === undefined || !ASCII_ALPHA.test(next)) {
      continue; // a literal `<` in text
    }

    // Tag name.
    let name = "";
    while (i < n && !WHITESPACE.test(html[i]) && html[i] !== "/" && html[i] !== ">") {
      name += html[i];
      i++;
    }
    const tag: Tag = { name: name.toLowerCase(), attributes: [] };

    // Attributes.
    while (i < n) {
      const c = html[i];
      if (WHITESPACE.test(c)) {
        i++;
        continue;
      }
      if (c === ">") {
        i++;
        break;
      }
      if (c === "/") {
        // Self-closing start tag state: `/>` closes, otherwise the `/` is
        // ignored and we are back before an attribute name (`<svg/onload>`).
        i++;
        continue;
      }
      // Attribute name (a leading `=` is part of the name).
      let attrName = c;
      i++;
      while (i < n && !WHITESPACE.test(html[i]) && !"/>=".includes(html[i])) {
        attrName += html[i];
        i++;
      }
      while (i < n && WHITESPACE.test(html[i])) i++;
      let value = "";
      if (html[i] === "=") {
        i++;
        while (i < n && WHITESPACE.test(html[i])) i++;
        const quote = html[i];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, i + 1);
          value = html.slice(i + 1, end === -1 ? n : end);
          i = end === -1 ? n : end + 1;
        } else {
          const start = i;
          while (i < n && !WHITESPACE.test(html[i]) && html[i] !== ">") i++;
          value = html.slice(start, i);
        }
      }
      tag.attributes.push({
        name: attrName.toLowerCase(),
        value: decodeCharacterReferences(value),
      });
    }

    if (!isEndTag) tags.push(tag);
  }

  return tags;
}

/** Elements that must never appear in rendered user content. */
const FORBIDDEN_ELEMENTS = new Set([
  // Required by the spec of renderMarkdown.
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "form",
  "input",
  // Not allowed by the GitHub schema either; listed so a future schema
  // change that lets them through fails loudly.
  "svg",
  "math",
  "base",
  "meta",
  "link",
  "frame",
  "frameset",
  "applet",
  "button",
  "textarea",
  "select",
  "option",
  "template",
  "noscript",
  "xmp",
  "plaintext",
  "title",
  "html",
  "head",
  "body",
  "isindex",
  "keygen",
  "marquee",
  "noembed",
  "noframes",
  "video",
  "audio",
  "mglyph",
  "mtext",
]);

/** Attributes that hold URLs a browser may navigate to / load. */
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "background",
  "poster",
  "cite",
  "data",
  "longdesc",
  "lowsrc",
  "dynsrc",
  "ping",
  "codebase",
  "manifest",
  "icon",
  "srcset",
]);

/** Attributes that are dangerous whatever their value. */
const FORBIDDEN_ATTRIBUTES = new Set(["style", "srcdoc", "formaction"]);

const DANGEROUS_SCHEMES = ["javascript:", "vbscript:", "data:"];

/** Remove whitespace and control characters (as URL parsers do), lower-case. */
function normaliseUrl(value: string): string {
  return value.replace(/[\u0000-\u0020\u007f-\u009f\s]/g, "").toLowerCase();
}

/** Every way `html` could run script or load a dangerous URL; [] if safe. */
function findXssProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<\s*script/i.test(html)) problems.push("raw `<script` in output");

  for (const tag of parseTags(html)) {
    if (FORBIDDEN_ELEMENTS.has(tag.name)) {
      problems.push(`forbidden element <${tag.name}>`);
    }
    for (const { name, value } of tag.attributes) {
      if (name.startsWith("on")) {
        problems.push(`event handler ${name} on <${tag.name}>`);
      }
      if (FORBIDDEN_ATTRIBUTES.has(name)) {
        problems.push(`attribute ${name} on <${tag.name}>`);
      }
      if (URL_ATTRIBUTES.has(name)) {
        // srcset holds several comma-separated candidates.
        const urls = name === "srcset" ? value.split(",") : [value];
        for (const url of urls) {
          const normalised = normaliseUrl(url.trim());
          const scheme = DANGEROUS_SCHEMES.find((s) => normalised.startsWith(s));
          if (scheme) {
            problems.push(`${scheme} URL in ${name} on <${tag.name}>`);
          }
        }
      }
    }
  }
  return problems;
}

describe("findXssProblems (test helper sanity check)", () => {
  it.each([
    "<script>alert(1)</script>",
    "<ScRiPt >alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="  jav&#x09;ascript:alert(1)">x</a>',
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<a href=JaVaScRiPt:alert(1)>x</a>",
    '<a href="javascript&colon;alert(1)">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p style="x:expression(alert(1))">x</p>',
    "<iframe></iframe>",
    "<input type=checkbox>",
    '<p/title="x"/onclick=alert(1)>x</p>',
    "<!-- c --><details ontoggle=alert(1) open>",
  ])("flags %j", (html) => {
    expect(findXssProblems(html)).not.toEqual([]);
  });

  it.each([
    "<p>Hello &#x3C;script> world</p>",
    '<a href="https://example.com/?javascript:x" title="javascript:alert(1)">x</a>',
    '<a href="/relative/path">x</a>',
    '<img src="https://example.com/a.png" alt="on the beach">',
    "<!-- <script>alert(1)</script> --><p>x</p>".replace("<script>", "&#x3C;script>"),
  ])("accepts %j", (html) => {
    expect(findXssProblems(html)).toEqual([]);
  });

  it("reads attributes like a browser", () => {
    expect(parseTags("<a\thref = \"x&amp;y\" title='t' data-x=1 disabled/>")).toEqual([
      {
        name: "a",
        attributes: [
          { name: "href", value: "x&y" },
          { name: "title", value: "t" },
          { name: "data-x", value: "1" },
          { name: "disabled", value: "" },
        ],
      },
    ]);
  });
});

// ---------------------------------------------------------------------------
// Normal rendering
// ---------------------------------------------------------------------------

describe("renderMarkdown: normal Markdown", () => {
  it("renders paragraphs", () => {
    expect(renderMarkdown("First paragraph.\n\nSecond paragraph.")).toBe(
      "<p>First paragraph.</p>\n<p>Second paragraph.</p>",
    );
  });

  it("renders emphasis, strong and GFM strikethrough", () => {
    expect(renderMarkdown("*em* and **strong** and ~~gone~~")).toBe(
      "<p><em>em</em> and <strong>strong</strong> and <del>gone</del></p>",
    );
  });

  it("renders headings without user-controlled ids", () => {
    expect(renderMarkdown("# Title\n\n## Sub")).toBe("<h2>Title</h2>\n<h3>Sub</h3>");
  });

  it("starts headings below the page's own: h2 in a story, h3 in a comment, never past h6", () => {
    expect(renderMarkdown("# A", "story")).toBe("<h2>A</h2>");
    expect(renderMarkdown("# A\n\n###### F", "comment")).toBe("<h3>A</h3>\n<h6>F</h6>");
  });

  it("renders unordered and ordered lists", () => {
    expect(renderMarkdown("- a\n- b\n\n1. x\n2. y")).toBe(
      "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>x</li>\n<li>y</li>\n</ol>",
    );
  });

  it("renders GFM tables with alignment", () => {
    const html = renderMarkdown("| a | b |\n| --- | :-: |\n| 1 | 2 |");
    expect(html).toContain("<table>");
    expect(html).toContain("<th>a</th>");
    expect(html).toContain('<th align="center">b</th>');
    expect(html).toContain('<td align="center">2</td>');
    expect(findXssProblems(html)).toEqual([]);
  });

  it("escapes < and & inside fenced code blocks and keeps the language class", () => {
    const html = renderMarkdown("```js\nif (a < b && c) {}\n```");
    expect(html).toBe('<pre><code class="language-js">if (a &#x3C; b &#x26;&#x26; c) {}\n</code></pre>');
  });

  it("escapes HTML inside inline code", () => {
    expect(renderMarkdown("Use `<script>` carefully")).toBe(
      "<p>Use <code>&#x3C;script></code> carefully</p>",
    );
  });

  it("keeps relative links without rel", () => {
    expect(renderMarkdown("[docs](/docs/start) [top](#top) [up](../x)")).toBe(
      '<p><a href="/docs/start">docs</a> <a href="#top">top</a> <a href="../x">up</a></p>',
    );
  });

  it('adds rel="nofollow ugc noopener" to external links', () => {
    expect(renderMarkdown("[site](https://example.com/page)")).toBe(
      '<p><a href="https://example.com/page" rel="nofollow ugc noopener">site</a></p>',
    );
    expect(renderMarkdown("[site](http://example.com)")).toContain('rel="nofollow ugc noopener"');
    // Protocol-relative URLs point to other sites too.
    expect(renderMarkdown("[site](//example.com)")).toContain('rel="nofollow ugc noopener"');
  });

  it("turns GFM autolinks into external links", () => {
    expect(renderMarkdown("see https://example.com and www.example.org")).toBe(
      '<p>see <a href="https://example.com" rel="nofollow ugc noopener">https://example.com</a>' +
        ' and <a href="http://www.example.org" rel="nofollow ugc noopener">www.example.org</a></p>',
    );
    expect(renderMarkdown("<https://example.com>")).toBe(
      '<p><a href="https://example.com" rel="nofollow ugc noopener">https://example.com</a></p>',
    );
  });

  it("keeps mailto links without rel", () => {
    expect(renderMarkdown("[mail](mailto:someone@example.com)")).toBe(
      '<p><a href="mailto:someone@example.com">mail</a></p>',
    );
  });

  it("turns images from other sites into links (no tracking pixels), keeps same-site images", () => {
    expect(renderMarkdown('![A cat](https://example.com/cat.png "Cat")')).toBe(
      '<p><a href="https://example.com/cat.png" rel="nofollow ugc noopener">A cat</a></p>',
    );
    expect(renderMarkdown("![](//example.com/cat.png)")).toBe(
      '<p><a href="//example.com/cat.png" rel="nofollow ugc noopener">//example.com/cat.png</a></p>',
    );
    expect(renderMarkdown("![Logo](/icon.svg)")).toBe('<p><img src="/icon.svg" alt="Logo"></p>');
  });

  it("drops raw HTML instead of rendering or escaping it", () => {
    expect(renderMarkdown("Hello <b>bold</b> world")).toBe("<p>Hello bold world</p>");
    expect(renderMarkdown("<div>\nblock\n</div>")).toBe("");
  });

  it("renders GFM task lists without <input> checkboxes", () => {
    const html = renderMarkdown("- [ ] todo\n- [x] done");
    expect(html).not.toContain("<input");
    expect(html).toContain("todo");
    expect(html).toContain("done");
  });

  it("prefixes user ids with user-content- (footnotes)", () => {
    const html = renderMarkdown("Text[^1]\n\n[^1]: Note");
    for (const tag of parseTags(html)) {
      for (const { name, value } of tag.attributes) {
        if (name === "id") expect(value).toMatch(/^user-content-/);
      }
    }
  });

  it("returns an empty string for empty input", () => {
    expect(renderMarkdown("")).toBe("");
  });
});

// ---------------------------------------------------------------------------
// XSS corpus, in the style of the OWASP XSS Filter Evasion Cheat Sheet.
// The payloads live in tests/support/xss-payloads.ts (add new ones at the end there).
// ---------------------------------------------------------------------------

/** Each payload is also tried inline, in a list item and in a blockquote. */
const CONTEXTS: Array<[string, (payload: string) => string]> = [
  ["as-is", (p) => p],
  // Only the first line, so reference definitions on later lines still work.
  ["inline", (p) => p.replace(/^[^\n]*/, (line) => `before ${line} after`)],
  ["list item", (p) => `- ${p}`],
  ["blockquote", (p) => `> ${p}`],
];

describe("renderMarkdown: XSS corpus", () => {
  it("has a corpus of at least 45 payloads", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(45);
  });

  describe.each(CONTEXTS)("%s", (_context, wrap) => {
    it.each(XSS_PAYLOADS)("neutralises %j", (payload) => {
      const html = renderMarkdown(wrap(payload));
      expect(findXssProblems(html)).toEqual([]);
      expect(html.toLowerCase()).not.toContain("<script");
    });
  });

  it("keeps the link text but drops dangerous hrefs", () => {
    expect(renderMarkdown("[click](javascript:alert(1))")).toBe("<p><a>click</a></p>");
    expect(renderMarkdown("[click](JaVaScRiPt:alert(1))")).toBe("<p><a>click</a></p>");
    expect(renderMarkdown("[x][r]\n\n[r]: vbscript:msgbox(1)")).toBe("<p><a>x</a></p>");
  });

  it("drops non-http(s) image sources but keeps the alt text", () => {
    expect(renderMarkdown("![img](data:image/png;base64,iVBORw0KGgo=)")).toBe('<p><img alt="img"></p>');
  });

  it("escapes quotes so titles and alt texts cannot break out of attributes", () => {
    const html = renderMarkdown('![a" onerror="alert(1)](/x.png)');
    const img = parseTags(html).find((tag) => tag.name === "img")!;
    expect(img.attributes.map((a) => a.name).sort()).toEqual(["alt", "src"]);
    expect(img.attributes.find((a) => a.name === "alt")?.value).toBe('a" onerror="alert(1)');
  });
});

// ---------------------------------------------------------------------------
// Plain text excerpts
// ---------------------------------------------------------------------------

describe("markdownToPlainText", () => {
  const sample = [
    "# Title",
    "",
    "Some *emphasis* and **strong** text with `code` and a [link](https://example.com).",
    "",
    "- one",
    "- two",
    "",
    "![alt text](https://example.com/a.png)",
    "",
    "<b>raw html</b>",
    "",
    "[ref]: https://example.com/ref",
  ].join("\n");

  it("returns the visible text without markup, blocks separated by spaces", () => {
    // Image alt texts and link definitions are not visible; the text between
    // raw HTML tags is (renderMarkdown keeps it too).
    expect(markdownToPlainText(sample)).toBe(
      "Title Some emphasis and strong text with code and a link. one two raw html",
    );
  });

  it("includes table cells and GFM strikethrough text", () => {
    expect(markdownToPlainText("~~old~~ new\n\n| a | b |\n|---|---|\n| c | d |")).toBe("old new a b c d");
  });

  it("returns short text unchanged", () => {
    expect(markdownToPlainText("Hello *world*", 20)).toBe("Hello world");
    expect(markdownToPlainText("Hello *world*", 11)).toBe("Hello world");
  });

  it("truncates to maxLength including the ellipsis, preferring word boundaries", () => {
    const result = markdownToPlainText(sample, 30);
    expect(result).toBe("Title Some emphasis and…");
    expect(Array.from(result).length).toBeLessThanOrEqual(30);
  });

  it("cuts inside a long word when there is no nearby boundary", () => {
    expect(markdownToPlainText("Supercalifragilistic", 10)).toBe("Supercali…");
  });

  it("does not split surrogate pairs", () => {
    const result = markdownToPlainText("😀😀😀😀😀😀", 4);
    expect(result).toBe("😀😀😀…");
  });

  it("handles degenerate limits", () => {
    expect(markdownToPlainText("Hello world", 0)).toBe("");
    expect(markdownToPlainText("Hello world", 1)).toBe("…");
    expect(markdownToPlainText("")).toBe("");
  });

  it("drops raw HTML tags (their text content stays, as in renderMarkdown)", () => {
    expect(markdownToPlainText("Hi <script>alert(1)</script> there")).toBe("Hi alert(1) there");
  });
});
