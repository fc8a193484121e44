/**
 * User Markdown -> sanitised HTML (and plain-text excerpts).
 *
 * Pure and synchronous on purpose: it runs in Server Components, route
 * handlers and plain unit tests alike, so it must not import "server-only".
 *
 * Pipeline: remark-parse -> remark-gfm -> remark-rehype -> rehype-sanitize
 *           -> external images to links -> rehype-external-links -> rehype-stringify
 */
import type { Element as HastElement, Root as HastRoot, RootContent as HastContent } from "hast";
import type { Nodes as MdastNodes, Root as MdastRoot } from "mdast";
import rehypeExternalLinks from "rehype-external-links";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import type { Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

/** Elements that must never reach the output, whatever the default schema says. */
const FORBIDDEN_TAGS = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "form",
  // The default (GitHub) schema allows `<input type=checkbox disabled>` for
  // GFM task lists. We forbid inputs outright, so `- [ ] item` renders as a
  // plain list item without the checkbox.
  "input",
]);

/**
 * GitHub-style sanitisation schema, tightened:
 * - `tagNames`: the default list minus FORBIDDEN_TAGS.
 * - `strip`: drop forbidden elements *with* their content (unknown elements
 *   are otherwise unwrapped, which would leak script/CSS source as text).
 * - `protocols`: pinned explicitly instead of trusting the default to stay
 *   the same across upgrades. Anything with a scheme not listed here
 *   (javascript:, vbscript:, data:, ...) loses the attribute; relative URLs
 *   have no scheme and are kept. Images only load over http(s), never data:.
 * - `attributes`: the default allow-list never contains `style` or `on*`
 *   handlers; we only drop the entries of the forbidden elements (`input`).
 * `clobber`/`clobberPrefix` stay at the defaults (ids and names get the
 * `user-content-` prefix, so user content cannot shadow our DOM globals).
 */
const allowedAttributes = Object.fromEntries(
  Object.entries(defaultSchema.attributes ?? {}).filter(([tag]) => !FORBIDDEN_TAGS.has(tag)),
);

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !FORBIDDEN_TAGS.has(tag)),
  attributes: allowedAttributes,
  // The default only forces `type=checkbox disabled` onto `input`s.
  required: {},
  strip: [...FORBIDDEN_TAGS],
  protocols: {
    ...defaultSchema.protocols,
    // GitHub also allows irc/ircs/xmpp; we have no use for them.
    href: ["http", "https", "mailto"],
    src: ["http", "https"],
    cite: ["http", "https"],
    longDesc: ["http", "https"],
  },
};

/**
 * Images from other sites become links to them: loading them would tell those sites who reads
 * the story (tracking pixels), and the Content-Security-Policy only allows this origin's
 * images. There are no uploads, so only same-site paths still show as images.
 */
function externalImagesToLinks() {
  const isExternal = (src: unknown) => typeof src === "string" && /^(https?:)?\/\//i.test(src.trim());
  const visit = (nodes: HastContent[]) => {
    nodes.forEach((node, i) => {
      if (node.type !== "element") return;
      if (node.tagName === "img" && isExternal(node.properties.src)) {
        const src = String(node.properties.src);
        const alt =
          typeof node.properties.alt === "string" && node.properties.alt.trim() ? node.properties.alt : src;
        const link: HastElement = {
          type: "element",
          tagName: "a",
          properties: { href: src },
          children: [{ type: "text", value: alt }],
        };
        nodes[i] = link;
        return;
      }
      visit(node.children);
    });
  };
  return (tree: HastRoot) => visit(tree.children);
}

/**
 * Moves every heading down by `offset` levels (at most to h6): a story sits under the page's
 * h1 and a comment under the "Comments" h2, so a `#` in them must not compete with those.
 */
function shiftHeadings(options: { offset: number }) {
  const visit = (nodes: HastContent[]) => {
    for (const node of nodes) {
      if (node.type !== "element") continue;
      const level = /^h([1-6])$/.exec(node.tagName);
      if (level) node.tagName = `h${Math.min(6, Number(level[1]) + options.offset)}`;
      visit(node.children);
    }
  };
  return (tree: HastRoot) => visit(tree.children);
}

/** Where rendered Markdown sits: a story's body under the page's h1, a comment under an h2. */
export type MarkdownContext = "story" | "comment";
const HEADING_OFFSET: Record<MarkdownContext, number> = { story: 1, comment: 2 };

function buildProcessor(headingOffset: number) {
  return (
    unified()
      .use(remarkParse)
      // Tables, strikethrough, autolink literals (and footnotes / task lists).
      .use(remarkGfm)
      // No `allowDangerousHtml`: raw HTML in the Markdown is dropped here, before
      // it ever becomes a hast node. The sanitiser below is defence in depth.
      .use(remarkRehype)
      .use(rehypeSanitize, sanitizeSchema)
      .use(externalImagesToLinks)
      .use(shiftHeadings, { offset: headingOffset })
      // Runs *after* sanitising because the GitHub schema does not allow `rel`
      // and would strip it again. It only adds `rel`, so nothing unsafe is added.
      // Applies to absolute http(s) URLs and protocol-relative `//host` URLs;
      // relative links are left alone. No `target`, so `noopener` is a harmless
      // belt-and-braces hint.
      .use(rehypeExternalLinks, {
        protocols: ["http", "https"],
        rel: ["nofollow", "ugc", "noopener"],
      })
      .use(rehypeStringify)
      .freeze()
  );
}

// Built once at module level; unified processors are reusable once frozen.
const processors: Record<MarkdownContext, ReturnType<typeof buildProcessor>> = {
  story: buildProcessor(HEADING_OFFSET.story),
  comment: buildProcessor(HEADING_OFFSET.comment),
};

/**
 * Render user Markdown (GFM) to sanitised HTML, safe to inject as-is. Headings start at h2 in
 * a story and at h3 in a comment (see shiftHeadings).
 */
export function renderMarkdown(markdown: string, context: MarkdownContext = "story"): string {
  return String(processors[context].processSync(markdown));
}

/** Node types whose content is not visible in the rendered output. */
const INVISIBLE_TYPES = new Set<MdastNodes["type"]>([
  "html", // raw HTML is dropped by renderMarkdown
  "definition", // `[ref]: https://...` link reference definitions
  "footnoteReference", // renders only as a superscript number
  "image", // alt text is not visible text; skip it in excerpts
  "yaml",
]);

/** Node types that render as blocks; separate their text with a space. */
const BLOCK_TYPES = new Set<MdastNodes["type"]>([
  "paragraph",
  "heading",
  "blockquote",
  "list",
  "listItem",
  "code",
  "table",
  "tableRow",
  "tableCell",
  "thematicBreak",
  "footnoteDefinition",
  "break",
]);

function collectText(node: MdastNodes, out: string[]): void {
  if (INVISIBLE_TYPES.has(node.type)) return;
  if (BLOCK_TYPES.has(node.type)) out.push(" ");
  if ("value" in node && typeof node.value === "string") {
    out.push(node.value);
  } else if ("children" in node) {
    for (const child of node.children) collectText(child, out);
  }
  if (BLOCK_TYPES.has(node.type)) out.push(" ");
}

const ELLIPSIS = "\u2026";

/**
 * Visible text of the Markdown (no markup, whitespace collapsed), e.g. for
 * excerpts and meta descriptions. If `maxLength` is given and the text is
 * longer, it is cut (preferably at a word boundary) so that the result,
 * including the trailing "…", is at most `maxLength` characters (Unicode code
 * points, so emoji are never split in half).
 */
export function markdownToPlainText(markdown: string, maxLength?: number): string {
  // Same parser (remark-parse + remark-gfm) as renderMarkdown.
  const tree: MdastRoot = processors.story.parse(markdown);
  const parts: string[] = [];
  collectText(tree, parts);
  const text = parts.join("").replace(/\s+/g, " ").trim();

  if (maxLength === undefined || !Number.isFinite(maxLength)) return text;
  const limit = Math.floor(maxLength);
  if (limit <= 0) return "";

  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  if (limit === 1) return ELLIPSIS;

  const cut = chars.slice(0, limit - 1).join("");
  // Prefer ending on a whole word, unless that throws away more than a third.
  const lastSpace = cut.lastIndexOf(" ");
  const head = lastSpace > 0 && lastSpace >= (cut.length * 2) / 3 ? cut.slice(0, lastSpace) : cut;
  return head.trimEnd() + ELLIPSIS;
}
