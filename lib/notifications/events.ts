import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db";
import { comments, notifications, stories } from "@/db/schema";
import { mailEachAtOnce, type Recipient, type StoredNotice } from "./mail";
import { commentPermalink } from "@/lib/comments/permalink";

/*
 * Notifications for what members do to each other's content, and for what happens where they
 * follow. Every function here runs inside the transaction of the change that caused it, so a
 * notification exists exactly when the change does, and so does its mail for members who want
 * each one at once (mail.ts). Fan-out to followers is one INSERT … SELECT per event, however
 * many followers there are. Moderation notices come through `notifyModeration`.
 */

type Executor = Database | Transaction;

export type NotificationKind =
  | "comment_on_story"
  | "reply_to_comment"
  | "useful_story"
  | "useful_comment"
  | "story_recognised"
  | "comment_on_followed_story"
  | "story_in_followed_starting_point";

/** What every notification about content carries, so the list can say it without a join. */
export type ContentNotificationData = {
  actorName: string;
  storyTitle: string;
  /** Path to what the notification is about, e.g. `/stories/<slug>#comment-<id>`. */
  url: string;
  commentId?: string;
  storyId?: string;
  /** The followed starting point's slug, and its name in each language. */
  startingPoint?: string;
  startingPointNames?: Record<string, string>;
};

type Delivered = StoredNotice & Recipient & { mailNow: boolean };

/**
 * Inserts one notification per row of `candidates` (a SELECT of `user_id`, `kind`, `data`) and
 * queues the mails of recipients who want them at once. Accounts that cannot sign in (the
 * seeded Editors account) get no mail.
 */
async function deliver(tx: Executor, candidates: SQL): Promise<Delivered[]> {
  const result = await tx.execute(sql`
    WITH candidates AS (${candidates}),
    inserted AS (
      INSERT INTO ${notifications} (id, user_id, kind, data)
      SELECT gen_random_uuid()::text, user_id, kind, data FROM candidates
      RETURNING id, user_id, kind, data
    )
    SELECT i.id, i.user_id AS "userId", i.kind, i.data, u.email, u.name, u.locale,
      (u.email_frequency = 'immediate' AND u.password_hash IS NOT NULL) AS "mailNow"
    FROM inserted i JOIN users u ON u.id = i.user_id`);
  const rows = (result as unknown as { rows: Delivered[] }).rows;
  await mailEachAtOnce(
    tx as Transaction,
    rows.filter((row) => row.mailNow),
  );
  return rows;
}

function jsonb(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::jsonb`;
}

/** One notification; none for a missing recipient or for members acting on their own content. */
export async function notify(
  tx: Transaction,
  entry: {
    userId: string | null;
    actorId: string | null;
    kind: NotificationKind;
    data: ContentNotificationData;
  },
): Promise<string | null> {
  if (!entry.userId || entry.userId === entry.actorId) return null;
  const data = entry.actorId ? { ...entry.data, actorId: entry.actorId } : entry.data;
  const [row] = await deliver(
    tx,
    sql`SELECT ${entry.userId}::text AS user_id, ${entry.kind}::text AS kind, ${jsonb(data)} AS data`,
  );
  return row?.id ?? null;
}

/** A moderator's decision (or an automatic hide) told to the member it concerns. */
export async function notifyModeration(
  tx: Executor,
  userId: string | null,
  data: Record<string, unknown>,
): Promise<void> {
  if (!userId) return;
  await deliver(
    tx,
    sql`SELECT ${userId}::text AS user_id, 'moderation'::text AS kind, ${jsonb(data)} AS data`,
  );
}

/**
 * A new comment or reply: the story's author hears of it, and so does the author of the
 * comment it answers; then everyone who follows the story and has not heard of it yet. Each
 * person gets one notification per comment, the most specific one, and the commenter none.
 */
export async function notifyCommentPosted(
  tx: Transaction,
  comment: { id: string; storyId: string; authorId: string; replyToId: string | null; actorName: string },
): Promise<void> {
  const [story] = await tx
    .select({ slug: stories.slug, title: stories.title, authorId: stories.authorId })
    .from(stories)
    .where(eq(stories.id, comment.storyId));
  if (!story) return;
  const data: ContentNotificationData = {
    actorName: comment.actorName,
    storyTitle: story.title,
    url: commentPermalink(story.slug, comment.id),
    commentId: comment.id,
    storyId: comment.storyId,
  };
  const told = new Set<string>([comment.authorId]);
  if (comment.replyToId) {
    const [answered] = await tx
      .select({ authorId: comments.authorId })
      .from(comments)
      .where(eq(comments.id, comment.replyToId));
    if (
      answered?.authorId &&
      (await notify(tx, {
        userId: answered.authorId,
        actorId: comment.authorId,
        kind: "reply_to_comment",
        data,
      }))
    ) {
      told.add(answered.authorId);
    }
  }
  if (story.authorId && !told.has(story.authorId)) {
    await notify(tx, { userId: story.authorId, actorId: comment.authorId, kind: "comment_on_story", data });
  }
  // The author hears of every comment as the author, follow or not.
  if (story.authorId) told.add(story.authorId);
  const excluded = sql.join(
    [...told].map((id) => sql`${id}`),
    sql`, `,
  );
  await deliver(
    tx,
    sql`SELECT f.user_id, 'comment_on_followed_story'::text AS kind, ${jsonb({ ...data, actorId: comment.authorId })} AS data
        FROM story_follows f
        WHERE f.story_id = ${comment.storyId} AND f.user_id NOT IN (${excluded})`,
  );
}

/**
 * A reader recognises a starting point in a story: its author hears of it once per reader,
 * however many starting points the reader marks, and not again after taking a mark back.
 */
export async function notifyStoryRecognised(
  tx: Executor,
  params: { storyId: string; readerId: string },
): Promise<void> {
  await deliver(
    tx,
    sql`SELECT s.author_id AS user_id, 'story_recognised'::text AS kind,
          jsonb_build_object('actorId', r.id, 'actorName', r.name, 'storyId', s.id, 'storyTitle', s.title, 'url', '/stories/' || s.slug) AS data
        FROM stories s JOIN users r ON r.id = ${params.readerId}
        WHERE s.id = ${params.storyId} AND s.author_id IS NOT NULL AND s.author_id <> r.id
          AND NOT EXISTS (
            SELECT 1 FROM notifications n
            WHERE n.user_id = s.author_id AND n.kind = 'story_recognised'
              AND n.data->>'storyId' = s.id AND n.data->>'actorId' = r.id
          )`,
  );
}

/**
 * A story was published for the first time: everyone who follows one of its starting points
 * hears of it once (naming the first of their starting points in model order), except its author.
 */
export async function notifyStoryPublished(tx: Executor, storyId: string): Promise<void> {
  await deliver(
    tx,
    sql`SELECT DISTINCT ON (f.user_id) f.user_id, 'story_in_followed_starting_point'::text AS kind,
          jsonb_build_object(
            'actorId', s.author_id, 'actorName', coalesce(a.name, ''), 'storyId', s.id, 'storyTitle', s.title,
            'url', '/stories/' || s.slug, 'startingPoint', sp.slug,
            'startingPointNames', jsonb_build_object('en', sp.name_en, 'nl', sp.name_nl)
          ) AS data
        FROM stories s
        JOIN story_starting_points ssp ON ssp.story_id = s.id
        JOIN starting_points sp ON sp.id = ssp.starting_point_id
        JOIN starting_point_follows f ON f.starting_point_id = sp.id
        LEFT JOIN users a ON a.id = s.author_id
        WHERE s.id = ${storyId} AND s.status = 'published' AND f.user_id IS DISTINCT FROM s.author_id
        ORDER BY f.user_id, sp.position`,
  );
}

/**
 * Call before a change that may publish a story, in its transaction; call what it returns after
 * the change. Followers are told only when the story had never been published before (an edit,
 * or publishing again after a return to draft, tells nobody). Locks the story row, as the
 * change does anyway, so two concurrent publications cannot both count as the first.
 */
export async function announceFirstPublication(tx: Executor, storyId: string): Promise<() => Promise<void>> {
  const [row] = await tx
    .select({ publishedAt: stories.publishedAt })
    .from(stories)
    .where(eq(stories.id, storyId))
    .for("update");
  if (!row || row.publishedAt) return async () => {};
  return () => notifyStoryPublished(tx, storyId);
}
