import { scaleLinear, scalePoint } from "d3-scale";
import type { QuarterFigures } from "@/lib/model/over-time";
import { startingPointColor } from "@/lib/starting-points/color";

// Server component, like the heat map: static SVG plus a table with the same numbers, so it needs
// no JavaScript, screen readers get the table, and on a phone the table scrolls in its own box.

export type OverTimeText = {
  title: string;
  description: string;
  overlapTitle: string;
  overlapDescription: string;
  caption: string;
  quarterHeading: string;
  totalHeading: string;
  bothHeading: string;
  shareHeading: string;
  noData: string;
  quarterLabel: (year: number, quarter: number) => string;
  formatShare: (value: number | null) => string;
};

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 44 };
const AXIS = "#57534e"; // stone-600
const GRID = "#e7e5e4"; // stone-200
const OVERLAP = "#1d4ed8"; // blue-700

function ticks(max: number): number[] {
  return scaleLinear()
    .domain([0, Math.max(1, max)])
    .nice()
    .ticks(4)
    .filter(Number.isInteger);
}

function LineChart({
  id,
  title,
  description,
  labels,
  series,
  max,
  format = (value) => String(value),
}: {
  id: string;
  title: string;
  description: string;
  labels: string[];
  series: { key: string; color: string; values: (number | null)[]; dashed?: boolean }[];
  max: number;
  format?: (value: number) => string;
}) {
  const x = scalePoint<number>()
    .domain(labels.map((_, i) => i))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(labels.length === 1 ? 0.5 : 0.2);
  const y = scaleLinear()
    .domain([0, Math.max(max, 1e-9)])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const yTicks = max > 1 || max === 0 ? ticks(max) : y.ticks(4);
  // Every label when they fit, else every n-th: a phone shows the chart at a third of its width.
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className="h-auto w-full max-w-2xl"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {yTicks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={GRID} />
          <text
            x={MARGIN.left - 8}
            y={y(tick)}
            textAnchor="end"
            dominantBaseline="central"
            fontSize={12}
            fill={AXIS}
          >
            {format(tick)}
          </text>
        </g>
      ))}
      {labels.map((label, i) =>
        i % every === 0 || i === labels.length - 1 ? (
          <text
            key={label}
            x={x(i)}
            y={HEIGHT - MARGIN.bottom + 20}
            textAnchor="middle"
            fontSize={12}
            fill={AXIS}
          >
            {label}
          </text>
        ) : null,
      )}
      {series.map((s) => {
        const points = s.values.map((value, i) => (value === null ? null : ([x(i) ?? 0, y(value)] as const)));
        const path = points.reduce(
          (d, point, i) =>
            point ? `${d}${d && points[i - 1] ? "L" : "M"}${point[0].toFixed(1)},${point[1].toFixed(1)}` : d,
          "",
        );
        return (
          <g key={s.key}>
            <path
              d={path}
              fill="none"
              stroke={s.color}
              strokeWidth={2.5}
              strokeDasharray={s.dashed ? "6 4" : undefined}
            />
            {points.map((point, i) =>
              point ? <circle key={i} cx={point[0]} cy={point[1]} r={3.5} fill={s.color} /> : null,
            )}
          </g>
        );
      })}
    </svg>
  );
}

export function ModelOverTimeChart({
  startingPoints,
  quarters,
  text,
}: {
  startingPoints: { slug: string; name: string; position: number }[];
  quarters: QuarterFigures[];
  text: OverTimeText;
}) {
  if (quarters.length === 0)
    return <p className="rounded border border-stone-300 bg-white p-4 text-stone-700">{text.noData}</p>;
  const labels = quarters.map((q) => text.quarterLabel(q.year, q.quarter));
  const share = (q: QuarterFigures) => (q.either13 > 0 ? q.both13 / q.either13 : null);
  const max = Math.max(
    0,
    ...quarters.flatMap((q) => startingPoints.map((sp) => q.perStartingPoint[sp.slug] ?? 0)),
  );
  return (
    <figure aria-label={text.title} className="grid min-w-0 gap-6 lg:grid-cols-2">
      <div className="min-w-0 space-y-4">
        <LineChart
          id="over-time-chart"
          title={text.title}
          description={text.description}
          labels={labels}
          max={max}
          series={startingPoints.map((sp) => ({
            key: sp.slug,
            color: startingPointColor(sp.position),
            values: quarters.map((q) => q.perStartingPoint[sp.slug] ?? 0),
          }))}
        />
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700">
          {startingPoints.map((sp) => (
            <li key={sp.slug} className="flex items-center gap-1.5">
              <span
                aria-hidden="true"
                className="inline-block h-1 w-5 rounded"
                style={{ backgroundColor: startingPointColor(sp.position) }}
              />
              {sp.position}. {sp.name}
            </li>
          ))}
        </ul>
        <p className="font-medium text-stone-800">{text.overlapTitle}</p>
        <LineChart
          id="overlap-over-time-chart"
          title={text.overlapTitle}
          description={text.overlapDescription}
          labels={labels}
          max={1}
          format={(value) => text.formatShare(value)}
          series={[{ key: "share13", color: OVERLAP, values: quarters.map(share), dashed: true }]}
        />
      </div>
      {/* Focusable so keyboard users can scroll the table on a narrow screen. */}
      <div className="min-w-0 overflow-x-auto" tabIndex={0}>
        <table className="min-w-full border-collapse bg-white text-sm">
          <caption className="mb-2 text-left text-stone-600">{text.caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="border border-stone-300 p-2 text-left">
                {text.quarterHeading}
              </th>
              {startingPoints.map((sp) => (
                <th key={sp.slug} scope="col" className="border border-stone-300 p-2 text-right">
                  {sp.position}
                  <span className="sr-only">. {sp.name}</span>
                </th>
              ))}
              <th scope="col" className="border border-stone-300 p-2 text-right">
                {text.totalHeading}
              </th>
              <th scope="col" className="border border-stone-300 p-2 text-right">
                {text.bothHeading}
              </th>
              <th scope="col" className="border border-stone-300 p-2 text-right">
                {text.shareHeading}
              </th>
            </tr>
          </thead>
          <tbody>
            {quarters.map((q, i) => (
              <tr key={labels[i]}>
                <th
                  scope="row"
                  className="whitespace-nowrap border border-stone-300 p-2 text-left font-medium"
                >
                  {labels[i]}
                </th>
                {startingPoints.map((sp) => (
                  <td key={sp.slug} className="border border-stone-300 p-2 text-right tabular-nums">
                    {q.perStartingPoint[sp.slug] ?? 0}
                  </td>
                ))}
                <td className="border border-stone-300 p-2 text-right tabular-nums">{q.total}</td>
                <td className="border border-stone-300 p-2 text-right tabular-nums">{q.both13}</td>
                <td className="border border-stone-300 p-2 text-right tabular-nums">
                  {text.formatShare(share(q))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
