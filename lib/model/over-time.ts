import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Locale } from "@/lib/i18n/locales";
import { rows } from "./suggest";

/*
 * The model over time: published stories per starting point per quarter (UTC), and how often
 * starting points 1 and 3 occur together, so the book's authors can see whether the overlap
 * they suspected holds as stories arrive.
 */

export type QuarterFigures = {
  year: number;
  quarter: number;
  total: number;
  /** Per starting point slug. */
  perStartingPoint: Record<string, number>;
  /** Stories with both starting point 1 and 3, and with either. */
  both13: number;
  either13: number;
};

export type ModelOverTime = {
  startingPoints: { slug: string; name: string; position: number }[];
  quarters: QuarterFigures[];
};

const key = (year: number, quarter: number) => year * 4 + (quarter - 1);

/** Every quarter from the first published story to the last, empty quarters included. */
export function fillQuarters(found: QuarterFigures[], slugs: string[]): QuarterFigures[] {
  if (found.length === 0) return [];
  const byKey = new Map(found.map((q) => [key(q.year, q.quarter), q]));
  const keys = [...byKey.keys()];
  const [first, last] = [Math.min(...keys), Math.max(...keys)];
  const all: QuarterFigures[] = [];
  for (let k = first; k <= last; k++) {
    const year = Math.floor(k / 4);
    const quarter = (k % 4) + 1;
    const q = byKey.get(k);
    all.push({
      year,
      quarter,
      total: q?.total ?? 0,
      perStartingPoint: Object.fromEntries(slugs.map((slug) => [slug, q?.perStartingPoint[slug] ?? 0])),
      both13: q?.both13 ?? 0,
      either13: q?.either13 ?? 0,
    });
  }
  return all;
}

export async function modelOverTime(locale: Locale): Promise<ModelOverTime> {
  const db = await getDb();
  const quarterOf = sql`date_trunc('quarter', s.published_at AT TIME ZONE 'UTC')`;
  const [startingPoints, perSp, totals] = await Promise.all([
    rows<{ slug: string; name: string; position: number }>(
      db,
      sql`SELECT slug, ${locale === "nl" ? sql`name_nl` : sql`name_en`} AS name, position FROM starting_points ORDER BY position`,
    ),
    rows<{ year: number; quarter: number; slug: string; n: number }>(
      db,
      sql`SELECT extract(year FROM ${quarterOf})::int AS year, extract(quarter FROM ${quarterOf})::int AS quarter, sp.slug, count(*)::int AS n
          FROM stories s
          JOIN story_starting_points ssp ON ssp.story_id = s.id
          JOIN starting_points sp ON sp.id = ssp.starting_point_id
          WHERE s.status = 'published' AND s.published_at IS NOT NULL
          GROUP BY 1, 2, 3`,
    ),
    rows<{ year: number; quarter: number; total: number; both13: number; either13: number }>(
      db,
      sql`SELECT year, quarter, count(*)::int AS total,
                 count(*) FILTER (WHERE has1 AND has3)::int AS both13,
                 count(*) FILTER (WHERE has1 OR has3)::int AS either13
          FROM (
            SELECT extract(year FROM ${quarterOf})::int AS year, extract(quarter FROM ${quarterOf})::int AS quarter,
                   bool_or(sp.position = 1) AS has1, bool_or(sp.position = 3) AS has3
            FROM stories s
            JOIN story_starting_points ssp ON ssp.story_id = s.id
            JOIN starting_points sp ON sp.id = ssp.starting_point_id
            WHERE s.status = 'published' AND s.published_at IS NOT NULL
            GROUP BY s.id, 1, 2
          ) per_story
          GROUP BY year, quarter`,
    ),
  ]);
  const slugs = startingPoints.map((sp) => sp.slug);
  const found = totals.map((t) => ({
    year: Number(t.year),
    quarter: Number(t.quarter),
    total: Number(t.total),
    both13: Number(t.both13),
    either13: Number(t.either13),
    perStartingPoint: Object.fromEntries(
      perSp
        .filter((r) => Number(r.year) === Number(t.year) && Number(r.quarter) === Number(t.quarter))
        .map((r) => [r.slug, Number(r.n)]),
    ),
  }));
  return { startingPoints, quarters: fillQuarters(found, slugs) };
}
