/*
 * Writes the scale data of bench/scale/generate.ts into a database, fast: multi-row
 * `INSERT … SELECT FROM unnest(arrays)` in batches, the next batch generated while the database
 * writes the previous one. Works the same on PostgreSQL and PGlite.
 *
 * Top-up: rows are numbered and their ids carry the number, so a run counts what is there and
 * adds only the numbers after it. Each batch commits on its own and batches are written in
 * order, so the scale rows are always numbers 1..count even after an interrupted run.
 *
 * No `server-only`: the CLI (scripts/seed-scale.ts) runs this in plain Node.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db";
import {
  ConversationState,
  SCALE_ID_PREFIX,
  SCALE_MEMBER_PASSWORD_HASH,
  SCALE_TARGETS,
  commentStory,
  commentTargets,
  generateComment,
  generateMember,
  generateStory,
  generateTargetComment,
  generateTargetStory,
  type ScaleComment,
  type ScaleStory,
} from "./generate";

export type ScaleCounts = { members: number; stories: number; comments: number };

export type ScaleTable = "members" | "stories" | "comments" | "target comments" | "counters";

/** Called after each batch; `total` is what this run adds to the table. */
export type ScaleProgress = (event: { table: ScaleTable; done: number; total: number }) => void;

export type ScaleSeedResult = {
  before: ScaleCounts;
  after: ScaleCounts;
  /** Comments added to the two benchmark target stories. */
  targetComments: number;
  /** Stories whose comment counter the final recount changed. */
  countersFixed: number;
  /** Wall time per step, in milliseconds. */
  timings: Partial<Record<ScaleTable, number>>;
};

export const SCALE_BATCH_SIZES = { members: 5_000, stories: 2_000, comments: 5_000 } as const;

type Queryable = Pick<Database, "execute">;

function rowsOf<T>(result: unknown): T[] {
  // node-postgres returns { rows }, PGlite's drizzle driver as well; be lenient about arrays.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** An array bound as ONE parameter (drizzle would otherwise spread it into a list). */
const arr = (values: unknown[], type: string): SQL => sql`${sql.param(values)}::${sql.raw(type)}[]`;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** How many scale rows of each kind there are (the benchmark targets not included). */
export async function countScaleRows(db: Queryable): Promise<ScaleCounts> {
  const [row] = rowsOf<{ members: number; stories: number; comments: number }>(
    await db.execute(sql`SELECT
      (SELECT count(*)::int FROM users WHERE id LIKE ${`${SCALE_ID_PREFIX.member}%`}) AS members,
      (SELECT count(*)::int FROM stories WHERE id LIKE ${`${SCALE_ID_PREFIX.story}%`}) AS stories,
      (SELECT count(*)::int FROM comments WHERE id LIKE ${`${SCALE_ID_PREFIX.comment}%`}) AS comments`),
  );
  return { members: Number(row.members), stories: Number(row.stories), comments: Number(row.comments) };
}

/**
 * Generates batch after batch and writes each one; the next batch is generated while the
 * previous one is being written (PostgreSQL works in its own process meanwhile).
 */
async function pipeline<T>(params: {
  from: number;
  to: number;
  batchSize: number;
  generate: (n: number) => T;
  write: (rows: T[]) => Promise<void>;
  progress: (done: number) => void;
}): Promise<void> {
  let pending: Promise<void> = Promise.resolve();
  let written = 0;
  if (params.to >= params.from) params.progress(0);
  for (let start = params.from; start <= params.to; start += params.batchSize) {
    const end = Math.min(params.to, start + params.batchSize - 1);
    const rows: T[] = [];
    for (let n = start; n <= end; n++) rows.push(params.generate(n));
    await pending;
    pending = params.write(rows).then(() => {
      written += rows.length;
      params.progress(written);
    });
  }
  await pending;
}

async function insertMembers(db: Database, members: ReturnType<typeof generateMember>[]): Promise<void> {
  await db.execute(sql`
    INSERT INTO users (id, name, email, email_verified, handle, password_hash, organisation, bio, locale, created_at)
    SELECT id, name, email, created_at, handle, ${SCALE_MEMBER_PASSWORD_HASH}, organisation, bio, locale, created_at
    FROM unnest(
      ${arr(
        members.map((m) => m.id),
        "text",
      )},
      ${arr(
        members.map((m) => m.name),
        "text",
      )},
      ${arr(
        members.map((m) => m.email),
        "text",
      )},
      ${arr(
        members.map((m) => m.handle),
        "text",
      )},
      ${arr(
        members.map((m) => m.organisation),
        "text",
      )},
      ${arr(
        members.map((m) => m.bio),
        "text",
      )},
      ${arr(
        members.map((m) => m.locale),
        "text",
      )},
      ${arr(
        members.map((m) => m.createdAt.toISOString()),
        "timestamptz",
      )}
    ) AS m(id, name, email, handle, organisation, bio, locale, created_at)`);
}

/** Stories and their starting points, in one transaction. */
async function insertStories(
  db: Database,
  batch: { story: ScaleStory; commentCount: number }[],
  startingPointIds: Map<string, number>,
): Promise<void> {
  const links: { storyId: string; startingPointId: number }[] = [];
  for (const { story } of batch) {
    for (const slug of story.startingPoints) {
      const id = startingPointIds.get(slug);
      if (id === undefined) throw new Error(`Unknown starting point ${slug}: run the app's seed first.`);
      links.push({ storyId: story.id, startingPointId: id });
    }
  }
  const stories = batch.map((b) => b.story);
  await db.transaction(async (tx) => {
    // search_vector is a generated column: PostgreSQL fills it from title, summary and body.
    await tx.execute(sql`
      INSERT INTO stories (id, slug, author_id, title, organisation, organisation_type, summary, body, trigger, tools,
        language, status, comment_count, published_at, created_at, updated_at)
      SELECT id, slug, author_id, title, organisation, organisation_type::organisation_type, summary, body, trigger,
        string_to_array(tools, '|'), language::language, status::story_status, comment_count, published_at, created_at,
        coalesce(published_at, created_at)
      FROM unnest(
        ${arr(
          stories.map((s) => s.id),
          "text",
        )},
        ${arr(
          stories.map((s) => s.slug),
          "text",
        )},
        ${arr(
          stories.map((s) => s.authorId),
          "text",
        )},
        ${arr(
          stories.map((s) => s.title),
          "text",
        )},
        ${arr(
          stories.map((s) => s.organisation),
          "text",
        )},
        ${arr(
          stories.map((s) => s.organisationType),
          "text",
        )},
        ${arr(
          stories.map((s) => s.summary),
          "text",
        )},
        ${arr(
          stories.map((s) => s.body),
          "text",
        )},
        ${arr(
          stories.map((s) => s.trigger),
          "text",
        )},
        ${arr(
          stories.map((s) => s.tools.join("|")),
          "text",
        )},
        ${arr(
          stories.map((s) => s.language),
          "text",
        )},
        ${arr(
          stories.map((s) => s.status),
          "text",
        )},
        ${arr(
          batch.map((b) => b.commentCount),
          "int",
        )},
        ${arr(
          stories.map((s) => iso(s.publishedAt)),
          "timestamptz",
        )},
        ${arr(
          stories.map((s) => s.createdAt.toISOString()),
          "timestamptz",
        )}
      ) AS s(id, slug, author_id, title, organisation, organisation_type, summary, body, trigger, tools,
        language, status, comment_count, published_at, created_at)
      ON CONFLICT (id) DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO story_starting_points (story_id, starting_point_id)
      SELECT * FROM unnest(${arr(
        links.map((l) => l.storyId),
        "text",
      )}, ${arr(
        links.map((l) => l.startingPointId),
        "int",
      )})
      ON CONFLICT DO NOTHING`);
  });
}

async function insertComments(db: Database, comments: ScaleComment[]): Promise<void> {
  await db.execute(sql`
    INSERT INTO comments (id, story_id, author_id, parent_id, reply_to_id, body, created_at, updated_at)
    SELECT id, story_id, author_id, parent_id, reply_to_id, body, created_at, created_at
    FROM unnest(
      ${arr(
        comments.map((c) => c.id),
        "text",
      )},
      ${arr(
        comments.map((c) => c.storyId),
        "text",
      )},
      ${arr(
        comments.map((c) => c.authorId),
        "text",
      )},
      ${arr(
        comments.map((c) => c.parentId),
        "text",
      )},
      ${arr(
        comments.map((c) => c.replyToId),
        "text",
      )},
      ${arr(
        comments.map((c) => c.body),
        "text",
      )},
      ${arr(
        comments.map((c) => c.createdAt.toISOString()),
        "timestamptz",
      )}
    ) AS c(id, story_id, author_id, parent_id, reply_to_id, body, created_at)`);
}

/** The two stories with exactly 50 and 500 top-level comments, created or completed. */
async function seedTargets(
  db: Database,
  members: number,
  startingPointIds: Map<string, number>,
  progress: ScaleProgress,
): Promise<number> {
  let added = 0;
  const total = SCALE_TARGETS.reduce((sum, t) => sum + t.comments, 0);
  for (const target of SCALE_TARGETS) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`SELECT count(*)::int AS n FROM comments WHERE id LIKE ${`${target.id}-c-%`}`),
    );
    const present = Number(row.n);
    if (added === 0) progress({ table: "target comments", done: 0, total });
    await insertStories(
      db,
      [{ story: generateTargetStory(target), commentCount: Math.max(present, target.comments) }],
      startingPointIds,
    );
    if (present >= target.comments) continue;
    const comments: ScaleComment[] = [];
    for (let k = present + 1; k <= target.comments; k++)
      comments.push(generateTargetComment(target, k, members));
    await insertComments(db, comments);
    added += comments.length;
    progress({ table: "target comments", done: added, total });
  }
  return added;
}

/**
 * Adds what is missing to reach `target` scale members, stories and comments (plus the two
 * benchmark target stories), then sets every scale story's comment counter to its actual count.
 * Asking for fewer rows than there are changes nothing. The starting points must exist (the
 * app's seed, run by `openDatabase({ prepare: true })`).
 */
export async function seedScale(
  db: Database,
  target: ScaleCounts,
  options: {
    onProgress?: ScaleProgress;
    batchSizes?: Partial<Record<keyof typeof SCALE_BATCH_SIZES, number>>;
  } = {},
): Promise<ScaleSeedResult> {
  const progress: ScaleProgress = options.onProgress ?? (() => undefined);
  const sizes = { ...SCALE_BATCH_SIZES, ...options.batchSizes };
  const timings: ScaleSeedResult["timings"] = {};
  const timed = async <T>(table: ScaleTable, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      timings[table] = Math.round(performance.now() - started);
    }
  };

  const before = await countScaleRows(db);
  const members = Math.max(before.members, target.members);
  const stories = Math.max(before.stories, target.stories);
  const comments = Math.max(before.comments, target.comments);
  if (members < 1) throw new Error("Scale data needs at least one member (--members 1 or more).");

  const spRows = rowsOf<{ id: number; slug: string }>(
    await db.execute(sql`SELECT id, slug FROM starting_points`),
  );
  const startingPointIds = new Map(spRows.map((row) => [row.slug, Number(row.id)]));

  await timed("members", () =>
    pipeline({
      from: before.members + 1,
      to: members,
      batchSize: sizes.members,
      generate: generateMember,
      write: (rows) => insertMembers(db, rows),
      progress: (done) => progress({ table: "members", done, total: members - before.members }),
    }),
  );

  // Where the new comments go is known before the stories are written, so new stories get
  // their final counter at once (updating a story later recomputes its search vector).
  const cumulative = comments > before.comments ? commentTargets(stories) : null;
  if (cumulative && cumulative[cumulative.length - 1] === 0)
    throw new Error("There is no published scale story to comment on.");
  const newComments = new Map<number, number>();
  if (cumulative) {
    for (let n = before.comments + 1; n <= comments; n++) {
      const story = commentStory(n, cumulative);
      newComments.set(story, (newComments.get(story) ?? 0) + 1);
    }
  }

  await timed("stories", () =>
    pipeline({
      from: before.stories + 1,
      to: stories,
      batchSize: sizes.stories,
      generate: (n) => ({ story: generateStory(n, members), commentCount: newComments.get(n) ?? 0 }),
      write: (rows) => insertStories(db, rows, startingPointIds),
      progress: (done) => progress({ table: "stories", done, total: stories - before.stories }),
    }),
  );

  const targetComments = await timed("target comments", () =>
    seedTargets(db, members, startingPointIds, progress),
  );

  if (cumulative) {
    const state = new ConversationState();
    if (before.comments > 0) {
      // Replies answer earlier comments on the same story: learn the existing conversations.
      const existing = rowsOf<{ n: number; s: number; t: number }>(
        await db.execute(sql`
          SELECT substr(id, ${SCALE_ID_PREFIX.comment.length + 1})::int AS n,
                 substr(story_id, ${SCALE_ID_PREFIX.story.length + 1})::int AS s,
                 coalesce(substr(parent_id, ${SCALE_ID_PREFIX.comment.length + 1}), substr(id, ${SCALE_ID_PREFIX.comment.length + 1}))::int AS t
          FROM comments WHERE id LIKE ${`${SCALE_ID_PREFIX.comment}%`} ORDER BY 1`),
      );
      for (const row of existing) state.add(Number(row.s), { n: Number(row.n), thread: Number(row.t) });
    }
    await timed("comments", () =>
      pipeline({
        from: before.comments + 1,
        to: comments,
        batchSize: sizes.comments,
        generate: (n) => generateComment(n, { members, cumulative, state }),
        write: (rows) => insertComments(db, rows),
        progress: (done) => progress({ table: "comments", done, total: comments - before.comments }),
      }),
    );
  }

  const countersFixed = await timed("counters", async () => {
    // The counter the app keeps: comments neither deleted nor hidden. Only rows that differ are
    // written, so a run that added nothing writes nothing.
    const fixed = rowsOf<{ id: string }>(
      await db.execute(sql`
        UPDATE stories s SET comment_count = c.n
        FROM (
          SELECT st.id, count(cm.id) FILTER (WHERE cm.deleted_at IS NULL AND cm.hidden_at IS NULL)::int AS n
          FROM stories st LEFT JOIN comments cm ON cm.story_id = st.id
          WHERE st.id LIKE 'scale-%'
          GROUP BY st.id
        ) c
        WHERE s.id = c.id AND s.comment_count <> c.n
        RETURNING s.id`),
    );
    progress({ table: "counters", done: fixed.length, total: fixed.length });
    return fixed.length;
  });

  return { before, after: await countScaleRows(db), targetComments, countersFixed, timings };
}
