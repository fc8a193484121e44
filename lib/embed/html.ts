import { interpolateBlues } from "d3-scale-chromatic";
import { contrastingTextColor } from "@/lib/model/contrast";
import { startingPointColor } from "@/lib/starting-points/color";
import type { Locale } from "@/lib/i18n/locales";

/*
 * The embeds as plain HTML strings (decision 025): no React runtime, no script, no stylesheet to
 * fetch, so a frame on someone else's page costs a few kilobytes and one request. Every value
 * that comes from the database or the request goes through `escapeHtml`.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `*{box-sizing:border-box}
html{color-scheme:light}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1c1917;background:#fff}
main{padding:12px 14px}
h1{font-size:1.15rem;margin:0 0 .25rem;line-height:1.25}
h2{font-size:.95rem;margin:.75rem 0 .25rem}
p{margin:.25rem 0}
a{color:#14532d;font-weight:600}
.muted{color:#57534e;font-size:.85rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ul,ol{list-style:none;margin:.25rem 0;padding:0}
li{display:flex;gap:.4rem;align-items:baseline}
.dot{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;flex:none}
.count{margin-left:auto;font-variant-numeric:tabular-nums;font-weight:700}
.tags{display:flex;flex-wrap:wrap;gap:.25rem .75rem}
table{border-collapse:collapse;margin-top:.5rem;font-size:.8rem}
caption{text-align:left;color:#57534e;margin-bottom:.25rem}
th,td{border:1px solid #d6d3d1;padding:.2rem .4rem}
th[scope=row]{text-align:left;font-weight:600}
td{text-align:center;font-variant-numeric:tabular-nums;min-width:2.2rem}
.hl{outline:2px solid #1c1917;outline-offset:-2px}
.more{margin-top:.6rem}`;

export type EmbedDocument = { locale: Locale; title: string; body: string };

export function embedDocument({ locale, title, body }: EmbedDocument): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** Links leave the frame: the reader goes on in a tab of their own. */
function outLink(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener">${escapeHtml(text)}</a>`;
}

const DIAGONAL_FILL = "#e7e5e4";

export type ModelEmbedText = {
  title: string;
  intro: string;
  countsHeading: string;
  storyCount: (count: number) => string;
  caption: string;
  /** Shown instead of the table while no published story carries a starting point. */
  noData: string;
  more: string;
};

export type ModelEmbedData = {
  startingPoints: { slug: string; name: string; position: number }[];
  counts: number[][];
  /** Highlights one starting point's row and column (the embed of a starting point). */
  highlight?: string | null;
};

/** The counts per starting point and the co-occurrence table, coloured as a heat map. */
export function modelEmbedBody(data: ModelEmbedData, text: ModelEmbedText, moreHref: string): string {
  const { startingPoints, counts, highlight } = data;
  const n = startingPoints.length;
  let max = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) max = Math.max(max, counts[i]?.[j] ?? 0);
  const fill = (value: number) => interpolateBlues(max === 0 ? 0 : value / max);
  const hl = (slug: string) => (slug === highlight ? ' class="hl"' : "");

  const list = startingPoints
    .map(
      (sp, i) =>
        `<li${hl(sp.slug)}><span class="dot" style="background:${startingPointColor(sp.position)}" aria-hidden="true"></span>${sp.position}. ${escapeHtml(sp.name)}<span class="count">${escapeHtml(text.storyCount(counts[i]?.[i] ?? 0))}</span></li>`,
    )
    .join("\n");

  // As on the model page: the table as soon as any story carries a starting point, pairs or not.
  const anyCount = counts.some((row) => row.some((value) => value > 0));
  const header = startingPoints
    .map(
      (sp) =>
        `<th scope="col"${hl(sp.slug)}><span aria-hidden="true">${sp.position}</span><span class="sr">${escapeHtml(sp.name)}</span></th>`,
    )
    .join("");
  const rows = startingPoints
    .map((row, i) => {
      const cells = startingPoints
        .map((col, j) => {
          const value = counts[i]?.[j] ?? 0;
          const background = i === j ? DIAGONAL_FILL : fill(value);
          const mark = row.slug === highlight || col.slug === highlight ? ' class="hl"' : "";
          return `<td${mark} style="background:${background};color:${contrastingTextColor(background)}">${value}</td>`;
        })
        .join("");
      return `<tr><th scope="row"${hl(row.slug)}>${row.position}. ${escapeHtml(row.name)}</th>${cells}</tr>`;
    })
    .join("\n");
  const table = anyCount
    ? `<table>
<caption>${escapeHtml(text.caption)}</caption>
<thead><tr><td></td>${header}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : `<p class="muted">${escapeHtml(text.noData)}</p>`;

  return `<h1>${escapeHtml(text.title)}</h1>
<p class="muted">${escapeHtml(text.intro)}</p>
<h2>${escapeHtml(text.countsHeading)}</h2>
<ol>
${list}
</ol>
${table}
<p class="more">${outLink(moreHref, text.more)}</p>`;
}

export type StoryEmbedData = {
  title: string;
  organisation: string;
  startingPoints: { name: string; position: number }[];
  firstLines: string;
  /** The language the card's text is in, when it differs from the page's. */
  language?: string | null;
};

export type StoryEmbedText = { startingPoints: string; exampleFromBook: string | null; more: string };

/** A story card: organisation, title, starting points, first lines and the way to the whole story. */
export function storyEmbedBody(story: StoryEmbedData, text: StoryEmbedText, href: string): string {
  const lang = story.language ? ` lang="${escapeHtml(story.language)}"` : "";
  const tags = story.startingPoints
    .map(
      (sp) =>
        `<li><span class="dot" style="background:${startingPointColor(sp.position)}" aria-hidden="true"></span>${escapeHtml(sp.name)}</li>`,
    )
    .join("");
  const example = text.exampleFromBook ? ` · ${escapeHtml(text.exampleFromBook)}` : "";
  return `<article>
<p class="muted">${escapeHtml(story.organisation)}${example}</p>
<h1${lang}>${escapeHtml(story.title)}</h1>
<ul class="tags" aria-label="${escapeHtml(text.startingPoints)}">${tags}</ul>
<p${lang}>${escapeHtml(story.firstLines)}</p>
<p class="more">${outLink(href, text.more)}</p>
</article>`;
}

/** What an embed of something that is not (or no longer) public shows. */
export function missingEmbedBody(text: { title: string; more: string }, href: string): string {
  return `<h1>${escapeHtml(text.title)}</h1>
<p class="more">${outLink(href, text.more)}</p>`;
}
