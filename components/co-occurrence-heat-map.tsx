import { TableBox } from "./table-box";
import type { JSX } from "react";
import { scaleBand, scaleSequential } from "d3-scale";
import { interpolateBlues } from "d3-scale-chromatic";
import { contrastingTextColor } from "@/lib/model/contrast";

// Server component: static SVG + an HTML table with the same numbers, so the chart needs no JavaScript
// and screen readers get the table. No hooks, no "use client".

export type HeatMapLabel = { slug: string; name: string; position: number };

export type CoOccurrenceHeatMapText = {
  /** Accessible name of the figure and the SVG <title>. */
  title: string;
  /** One sentence for the SVG <desc>. */
  description: string;
  /** Table caption. */
  caption: string;
  /** Tooltip of an off-diagonal cell. */
  cellLabel: (a: string, b: string, count: number, jaccard: number | null) => string;
  /** Tooltip of a diagonal cell. */
  diagonalLabel: (a: string, count: number) => string;
  /** Names the Jaccard line in table cells (visually hidden per cell, shown in the corner key). */
  overlapHeading: string;
  /** Shown instead of the chart when every count is 0. */
  noData: string;
  /** Optional visible heading for the number → name key. */
  keyLabel?: string;
  /** Optional visible heading for the colour legend; without it the colour legend is hidden from screen readers. */
  colorLegendLabel?: string;
  /** Formats a Jaccard value for the table (default: two decimals, e.g. "0.40"). */
  formatOverlap?: (value: number) => string;
};

export type CoOccurrenceHeatMapProps = {
  /** Rows and columns, in order. */
  labels: HeatMapLabel[];
  /** counts[i][j] = stories with both; the diagonal = stories with that starting point. */
  counts: number[][];
  /** Same shape as counts; the diagonal may be null or 1 (it is not shown). */
  jaccard: (number | null)[][];
  text: CoOccurrenceHeatMapText;
  /** Prefix for element ids; give each heat map on a page its own. */
  idPrefix?: string;
};

// Geometry in viewBox units; the SVG scales to its container.
const CELL = 100;
const MARGIN = 44; // room for the position numbers on the top and left axes
const DIAGONAL_FILL = "#e7e5e4"; // stone-200
const CELL_BORDER = "#d6d3d1"; // stone-300

/** A handful of integer counts from 0 to max for the stepped colour legend. */
function legendSteps(max: number): number[] {
  if (max <= 5) return Array.from({ length: max + 1 }, (_, i) => i);
  const steps = Array.from({ length: 5 }, (_, i) => Math.round((max * i) / 4));
  return [...new Set(steps)];
}

const defaultFormatOverlap = (value: number) => value.toFixed(2);

export function CoOccurrenceHeatMap({
  labels,
  counts,
  jaccard,
  text,
  idPrefix = "co-occurrence",
}: CoOccurrenceHeatMapProps): JSX.Element {
  const n = labels.length;
  const count = (i: number, j: number) => counts[i]?.[j] ?? 0;
  const overlap = (i: number, j: number) => jaccard[i]?.[j] ?? null;
  const formatOverlap = text.formatOverlap ?? defaultFormatOverlap;

  let maxOffDiagonal = 0;
  let anyCount = false;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const c = count(i, j);
      if (c !== 0) anyCount = true;
      if (i !== j) maxOffDiagonal = Math.max(maxOffDiagonal, c);
    }
  }

  const color = scaleSequential(interpolateBlues).domain([0, Math.max(maxOffDiagonal, 1)]);
  const slugs = labels.map((l) => l.slug);
  const x = scaleBand<string>()
    .domain(slugs)
    .range([MARGIN, MARGIN + n * CELL])
    .paddingInner(0.06)
    .round(true);
  const y = scaleBand<string>()
    .domain(slugs)
    .range([MARGIN, MARGIN + n * CELL])
    .paddingInner(0.06)
    .round(true);
  const size = MARGIN + n * CELL + 4;

  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const keyId = `${idPrefix}-key`;
  const legendId = `${idPrefix}-legend`;

  const chart = anyCount ? (
    <div className="space-y-4">
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${size} ${size}`}
        className="h-auto w-full max-w-xl"
        fontFamily="inherit"
      >
        <title id={titleId}>{text.title}</title>
        <desc id={descId}>{text.description}</desc>

        <g fontSize={18} fill="#44403c" /* stone-700 */>
          {labels.map((label) => (
            <text
              key={`col-${label.slug}`}
              x={(x(label.slug) ?? 0) + x.bandwidth() / 2}
              y={MARGIN - 14}
              textAnchor="middle"
            >
              {label.position}
            </text>
          ))}
          {labels.map((label) => (
            <text
              key={`row-${label.slug}`}
              x={MARGIN - 14}
              y={(y(label.slug) ?? 0) + y.bandwidth() / 2}
              textAnchor="end"
              dominantBaseline="central"
            >
              {label.position}
            </text>
          ))}
        </g>

        {labels.map((row, i) =>
          labels.map((col, j) => {
            const c = count(i, j);
            const diagonal = i === j;
            const fill = diagonal ? DIAGONAL_FILL : color(c);
            const tooltip = diagonal
              ? text.diagonalLabel(row.name, c)
              : text.cellLabel(row.name, col.name, c, overlap(i, j));
            const cx = (x(col.slug) ?? 0) + x.bandwidth() / 2;
            const cy = (y(row.slug) ?? 0) + y.bandwidth() / 2;
            return (
              <g key={`${row.slug}-${col.slug}`}>
                <title>{tooltip}</title>
                <rect
                  x={x(col.slug)}
                  y={y(row.slug)}
                  width={x.bandwidth()}
                  height={y.bandwidth()}
                  rx={4}
                  fill={fill}
                  stroke={CELL_BORDER}
                  strokeWidth={1}
                />
                <text
                  x={cx}
                  y={cy}
                  textAnchor="middle"
                  dominantBaseline="central"
                  fontSize={24}
                  fontWeight={diagonal ? 700 : 400}
                  fill={contrastingTextColor(fill)}
                  style={{ fontVariantNumeric: "tabular-nums" }}
                >
                  {c}
                </text>
              </g>
            );
          }),
        )}
      </svg>

      <div className="flex flex-wrap gap-x-8 gap-y-4 text-sm">
        <div>
          {text.keyLabel ? (
            <p id={keyId} className="mb-1 font-semibold text-stone-700">
              {text.keyLabel}
            </p>
          ) : null}
          <dl
            className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-stone-700"
            aria-labelledby={text.keyLabel ? keyId : undefined}
          >
            {labels.map((label) => (
              <div key={label.slug} className="contents">
                <dt className="text-right font-semibold tabular-nums">{label.position}</dt>
                <dd>{label.name}</dd>
              </div>
            ))}
          </dl>
        </div>

        <div aria-hidden={text.colorLegendLabel ? undefined : true}>
          {text.colorLegendLabel ? (
            <p id={legendId} className="mb-1 font-semibold text-stone-700">
              {text.colorLegendLabel}
            </p>
          ) : null}
          <ul
            className="flex flex-wrap items-center gap-1"
            aria-labelledby={text.colorLegendLabel ? legendId : undefined}
          >
            {legendSteps(maxOffDiagonal).map((step) => (
              <li key={step} className="flex flex-col items-center">
                <span
                  aria-hidden="true"
                  className="block h-5 w-8 rounded-sm border border-stone-300"
                  style={{ backgroundColor: color(step) }}
                />
                <span className="text-xs tabular-nums text-stone-700">{step}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  ) : (
    <p className="rounded border border-stone-300 bg-white p-4 text-stone-700">{text.noData}</p>
  );

  return (
    <figure aria-label={text.title} className="space-y-6">
      {chart}
      <TableBox id="co-occurrence-caption" caption={text.caption}>
        <table
          aria-labelledby="co-occurrence-caption"
          className="min-w-full border-collapse bg-white text-sm"
        >
          <thead>
            <tr>
              <td className="border border-stone-300 p-2 text-right align-bottom text-xs text-stone-600">
                {/* Key to the cell layout; screen readers get the same via the hidden prefix in each cell. */}
                <span aria-hidden="true">{text.overlapHeading}</span>
              </td>
              {labels.map((col) => (
                <th
                  key={col.slug}
                  scope="col"
                  className="border border-stone-300 p-2 text-left align-bottom font-semibold"
                >
                  {col.position}. {col.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((row, i) => (
              <tr key={row.slug}>
                <th scope="row" className="border border-stone-300 p-2 text-left font-semibold">
                  {row.position}. {row.name}
                </th>
                {labels.map((col, j) => {
                  if (i === j) {
                    return (
                      <td
                        key={col.slug}
                        className="border border-stone-300 bg-stone-100 p-2 text-right font-semibold tabular-nums"
                      >
                        {count(i, j)}
                      </td>
                    );
                  }
                  const value = overlap(i, j);
                  return (
                    <td key={col.slug} className="border border-stone-300 p-2 text-right tabular-nums">
                      {count(i, j)}
                      <span className="block text-xs text-stone-600">
                        <span className="sr-only">{text.overlapHeading}: </span>
                        {value === null ? "–" : formatOverlap(value)}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
    </figure>
  );
}
