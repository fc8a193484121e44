import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { verifyCredentials } from "@/lib/auth/credentials";
import { listComments } from "@/lib/comments/queries";
import {
  SCALE_MEMBER_PASSWORD,
  SCALE_STORY_500_COMMENTS,
  SCALE_STORY_50_COMMENTS,
  scaleMemberEmail,
} from "@/bench/scale/generate";
import { countScaleRows, seedScale } from "@/bench/scale/seed";
import { countPublishedStories, listPublishedStories } from "@/lib/stories/listing";
import { getStoryBySlug } from "@/lib/stories/story";

type Row = Record<string, unknown>;
async function query<T extends Row>(statement: ReturnType<typeof sql>): Promise<T[]> {
  const result = await (await getDb()).execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Every story whose counter differs from its visible comments, anywhere in the database. */
async function wrongCounters(): Promise<Row[]> {
  return query(sql`
    SELECT s.id, s.comment_count, count(c.id) FILTER (WHERE c.deleted_at IS NULL AND c.hidden_at IS NULL)::int AS actual
    FROM stories s LEFT JOIN comments c ON c.story_id = s.id
    GROUP BY s.id HAVING s.comment_count <> count(c.id) FILTER (WHERE c.deleted_at IS NULL AND c.hidden_at IS NULL)`);
}

/** Everything the scale seed wrote, to compare two runs row by row. */
async function fingerprint(): Promise<string> {
  const [row] = await query<{ f: string }>(sql`
    SELECT md5(
      (SELECT string_agg(id || name || email || handle, ',' ORDER BY id) FROM users WHERE id LIKE 'scale-%') ||
      (SELECT string_agg(id || slug || body || comment_count || coalesce(published_at::text, ''), ',' ORDER BY id) FROM stories WHERE id LIKE 'scale-%') ||
      (SELECT string_agg(id || story_id || coalesce(parent_id, '') || body || created_at::text, ',' ORDER BY id) FROM comments WHERE id LIKE 'scale-%')
    ) AS f`);
  return row.f;
}

describe("scale data", () => {
  const small = { members: 30, stories: 200, comments: 2_000 };

  it("fills members, stories and comments with consistent counters and the two benchmark targets", async () => {
    const db = await getDb();
    const [examplesBefore] = await query<{ n: number; body: string }>(
      sql`SELECT count(*)::int AS n, md5(string_agg(body, '' ORDER BY id)) AS body FROM stories WHERE is_example`,
    );

    const result = await seedScale(db, small);
    expect(result.before).toEqual({ members: 0, stories: 0, comments: 0 });
    expect(result.after).toEqual(small);
    expect(await countScaleRows(db)).toEqual(small);
    expect(await wrongCounters()).toEqual([]);

    // The example stories are untouched.
    const [examplesAfter] = await query<{ n: number; body: string }>(
      sql`SELECT count(*)::int AS n, md5(string_agg(body, '' ORDER BY id)) AS body FROM stories WHERE is_example`,
    );
    expect(examplesAfter).toEqual(examplesBefore);

    // Every story has one to four starting points; languages are mixed; a few drafts.
    const [shape] = await query<{
      bare: number;
      en: number;
      nl: number;
      drafts: number;
      replies: number;
      crossStory: number;
    }>(sql`
      SELECT
        (SELECT count(*)::int FROM stories s WHERE s.id LIKE 'scale-%' AND NOT EXISTS (SELECT 1 FROM story_starting_points p WHERE p.story_id = s.id)) AS bare,
        (SELECT count(*)::int FROM stories WHERE id LIKE 'scale-s-%' AND language = 'en') AS en,
        (SELECT count(*)::int FROM stories WHERE id LIKE 'scale-s-%' AND language = 'nl') AS nl,
        (SELECT count(*)::int FROM stories WHERE id LIKE 'scale-s-%' AND status = 'draft') AS drafts,
        (SELECT count(*)::int FROM comments WHERE id LIKE 'scale-%' AND parent_id IS NOT NULL) AS replies,
        (SELECT count(*)::int FROM comments c JOIN comments p ON p.id = c.parent_id
           WHERE c.id LIKE 'scale-%' AND (p.story_id <> c.story_id OR p.parent_id IS NOT NULL)) AS "crossStory"`);
    expect(shape.bare).toBe(0);
    expect(shape.en).toBeGreaterThan(shape.nl);
    expect(shape.nl).toBeGreaterThan(0);
    expect(shape.replies).toBeGreaterThan(0);
    expect(shape.crossStory).toBe(0);

    // The targets: exactly 50 and 500 top-level comments, even though only 2,000 were asked for.
    for (const [slug, expected] of [
      [SCALE_STORY_50_COMMENTS, 50],
      [SCALE_STORY_500_COMMENTS, 500],
    ] as const) {
      const story = await getStoryBySlug(slug, "en");
      expect(story?.commentCount).toBe(expected);
      expect(story?.status).toBe("published");
      let threads = 0;
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listComments>> = await listComments({
          storyId: story!.id,
          after,
        });
        threads += page.items.length;
        expect(page.items.every((thread) => thread.replies.length === 0)).toBe(true);
        after = page.more;
      } while (after);
      expect(threads).toBe(expected);
    }

    // The app's own queries see the data: listing, one story with its comments, search.
    const page = await listPublishedStories({ locale: "en", sort: "discussed", limit: 5 });
    expect(page.items).toHaveLength(5);
    const busiest = page.items.find((item) => item.id.startsWith("scale-s-"))!;
    expect(busiest.startingPoints.length).toBeGreaterThan(0);
    const detail = await getStoryBySlug(busiest.slug, "en");
    expect(detail?.body.length).toBeGreaterThan(50);
    const threads = await listComments({ storyId: busiest.id, limit: 500 });
    const shown =
      threads.items.length + threads.items.reduce((sum, thread) => sum + thread.replies.length, 0);
    expect(shown).toBe(busiest.commentCount);

    const published = await countPublishedStories();
    expect(await countPublishedStories({ q: "community" })).toBeGreaterThan(published / 4);
    expect(await countPublishedStories({ q: "netwerk" })).toBeGreaterThan(published / 8);
    const found = await listPublishedStories({
      locale: "nl",
      filters: { q: "netwerk", languages: ["nl"] },
      limit: 3,
    });
    expect(found.items.length).toBe(3);

    // Members sign in with the shared password.
    const member = await verifyCredentials({ email: scaleMemberEmail(8), password: SCALE_MEMBER_PASSWORD });
    expect(member).toMatchObject({ email: scaleMemberEmail(8), handle: "scale-member-8", role: "member" });
  }, 120_000);

  it("adds nothing when run again with the same or smaller numbers, and tops up with larger ones", async () => {
    const db = await getDb();
    const before = await fingerprint();
    const again = await seedScale(db, small);
    expect(again.after).toEqual(small);
    expect(again.targetComments).toBe(0);
    expect(again.countersFixed).toBe(0);
    const smaller = await seedScale(db, { members: 5, stories: 10, comments: 100 });
    expect(smaller.after).toEqual(small);
    expect(await fingerprint()).toBe(before);

    const larger = { members: 40, stories: 260, comments: 3_000 };
    const topped = await seedScale(db, larger, { batchSizes: { comments: 333, stories: 70 } });
    expect(topped.before).toEqual(small);
    expect(topped.after).toEqual(larger);
    expect(await wrongCounters()).toEqual([]);
    const [targets] = await query<{ t50: number; t500: number }>(sql`
      SELECT (SELECT comment_count FROM stories WHERE slug = ${SCALE_STORY_50_COMMENTS}) AS t50,
             (SELECT comment_count FROM stories WHERE slug = ${SCALE_STORY_500_COMMENTS}) AS t500`);
    expect(targets).toEqual({ t50: 50, t500: 500 });
    const [dangling] = await query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM comments c JOIN comments p ON p.id = c.reply_to_id WHERE c.id LIKE 'scale-%' AND p.story_id <> c.story_id`);
    expect(dangling.n).toBe(0);
  }, 120_000);
});
