import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Transaction } from "@/db";
import { commentUseful, comments, notifications, stories, storyUseful, users, type Role } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { once } from "@/lib/idempotency";
import { commentPermalink } from "./permalink";
import { markdownToPlainText } from "@/lib/markdown/render";
import { notify, notifyCommentPosted, type NotificationKind } from "@/lib/notifications/events";

export const COMMENTS_PAGE_SIZE = 50;
/** How much of the answered comment a reply quotes, in characters of plain text. */
export const QUOTE_LENGTH = 140;

export type CommentView = {
  id: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  authorId: string | null;
  /** Decides which staff may act on the comment (lib/auth/permissions.ts); null for a former member. */
  authorRole: Role | null;
  author: { name: string; handle: string } | null;
  /** Hidden by moderators: the thread shows that it was, its author and moderators see why. */
  hidden: { reason: string; at: Date } | null;
  /** Deleted, but listed because replies still hang from it; its words are gone. */
  deleted: boolean;
  usefulCount: number;
};

/** The comment a reply answers, when that is another reply in the thread. */
export type AnsweredComment = {
  id: string;
  author: { name: string; handle: string } | null;
  /** Plain text of its start; null when it was deleted or hidden, whose words are not repeated. */
  quote: string | null;
};

export type ReplyView = CommentView & { replyTo: AnsweredComment | null };
export type ThreadView = CommentView & { replies: ReplyView[] };

const commentColumns = {
  id: comments.id,
  body: comments.body,
  createdAt: comments.createdAt,
  updatedAt: comments.updatedAt,
  authorId: comments.authorId,
  authorRole: users.role,
  authorName: users.name,
  authorHandle: users.handle,
  hiddenAt: comments.hiddenAt,
  hiddenReason: comments.hiddenReason,
  deletedAt: comments.deletedAt,
  usefulCount: comments.usefulCount,
};

type CommentRow = Omit<CommentView, "author" | "hidden" | "deleted"> & {
  authorName: string | null;
  authorHandle: string | null;
  hiddenAt: Date | null;
  hiddenReason: string;
  deletedAt: Date | null;
};

function toCommentView({
  authorName,
  authorHandle,
  hiddenAt,
  hiddenReason,
  deletedAt,
  ...comment
}: CommentRow): CommentView {
  return {
    ...comment,
    // A deleted comment's words stay in the database only.
    body: deletedAt ? "" : comment.body,
    author: authorName && authorHandle ? { name: authorName, handle: authorHandle } : null,
    hidden: hiddenAt ? { reason: hiddenReason, at: hiddenAt } : null,
    deleted: deletedAt !== null,
  };
}

/**
 * The comments that start a thread on a story, as listed: top-level ones that are not deleted,
 * and deleted ones that still have replies (shown as a placeholder, so the replies keep their
 * context). Listing and permalinks share it, so a permalink finds the page the list shows.
 */
function threadStarts(storyId: string): SQL {
  return and(
    eq(comments.storyId, storyId),
    isNull(comments.parentId),
    or(
      isNull(comments.deletedAt),
      // A scalar subquery with LIMIT 1, not EXISTS: the planner may turn an EXISTS into a hashed
      // subplan that reads every live reply of the site up front; this stays one probe of
      // comments_parent_idx, and only for the rare deleted thread start.
      sql`coalesce((select true from ${comments} as r where r.parent_id = ${comments.id} and r.deleted_at is null limit 1), false)`,
    ),
  ) as SQL;
}

/**
 * A story's threads, oldest first, a keyset page of top-level comments at a time, each with
 * all its visible replies in time order (one query for the whole page's replies).
 */
export async function listComments(params: {
  storyId: string;
  after?: string | null;
  limit?: number;
}): Promise<{ items: ThreadView[]; more: string | null }> {
  const db = await getDb();
  const limit = params.limit ?? COMMENTS_PAGE_SIZE;
  const after = decodeCursor(params.after);
  const rows = await db
    .select(commentColumns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(
      and(
        threadStarts(params.storyId),
        after
          ? sql`(${comments.createdAt}, ${comments.id}) > (${after.at.toISOString()}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(limit + 1);
  const starts = rows.slice(0, limit).map(toCommentView);
  const replies = await listReplies(starts.map((comment) => comment.id));
  const items = starts.map((comment) => ({ ...comment, replies: replies.get(comment.id) ?? [] }));
  const last = starts.at(-1);
  return {
    items,
    more: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** Visible replies of the given threads, by thread, oldest first; with what each one answers. */
async function listReplies(threadIds: string[]): Promise<Map<string, ReplyView[]>> {
  const byThread = new Map<string, ReplyView[]>();
  if (threadIds.length === 0) return byThread;
  const db = await getDb();
  const answered = alias(comments, "answered");
  const answeredAuthor = alias(users, "answered_author");
  const rows = await db
    .select({
      ...commentColumns,
      parentId: comments.parentId,
      replyToId: comments.replyToId,
      answeredBody: answered.body,
      answeredGone: sql<boolean>`(${answered.deletedAt} is not null or ${answered.hiddenAt} is not null)`,
      answeredName: answeredAuthor.name,
      answeredHandle: answeredAuthor.handle,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .leftJoin(answered, eq(answered.id, comments.replyToId))
    .leftJoin(answeredAuthor, eq(answeredAuthor.id, answered.authorId))
    .where(and(inArray(comments.parentId, threadIds), isNull(comments.deletedAt)))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  for (const {
    parentId,
    replyToId,
    answeredBody,
    answeredGone,
    answeredName,
    answeredHandle,
    ...row
  } of rows) {
    // Answering the thread's first comment needs no quote: it stands right above.
    const replyTo: AnsweredComment | null =
      replyToId && replyToId !== parentId && answeredBody !== null
        ? {
            id: replyToId,
            author: answeredName && answeredHandle ? { name: answeredName, handle: answeredHandle } : null,
            quote: answeredGone ? null : markdownToPlainText(answeredBody, QUOTE_LENGTH),
          }
        : null;
    const list = byThread.get(parentId as string) ?? [];
    list.push({ ...toCommentView(row), replyTo });
    byThread.set(parentId as string, list);
  }
  return byThread;
}

/** Which of these comments the member marked useful. */
export async function commentsMarkedUseful(params: {
  userId: string | null;
  commentIds: string[];
}): Promise<Set<string>> {
  if (!params.userId || params.commentIds.length === 0) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ commentId: commentUseful.commentId })
    .from(commentUseful)
    .where(and(eq(commentUseful.userId, params.userId), inArray(commentUseful.commentId, params.commentIds)));
  return new Set(rows.map((row) => row.commentId));
}

/** The story's conversation settings and its "useful" count, with the member's own mark. */
export async function storyConversation(params: { storyId: string; userId: string | null }) {
  const db = await getDb();
  const [row] = await db
    .select({
      commentsClosed: stories.commentsClosed,
      lockedAt: stories.lockedAt,
      usefulCount: stories.usefulCount,
      markedUseful: params.userId
        ? sql<boolean>`exists (select 1 from ${storyUseful} where ${storyUseful.storyId} = ${stories.id} and ${storyUseful.userId} = ${params.userId})`
        : sql<boolean>`false`,
    })
    .from(stories)
    .where(eq(stories.id, params.storyId))
    .limit(1);
  return row ?? null;
}

/** Just enough of a story to decide who may comment, close, lock or mark it useful. */
export async function getStoryConversationAccess(storyId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: stories.id,
      slug: stories.slug,
      title: stories.title,
      authorId: stories.authorId,
      authorRole: users.role,
      status: stories.status,
      commentsClosed: stories.commentsClosed,
      lockedAt: stories.lockedAt,
    })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(eq(stories.id, storyId))
    .limit(1);
  return row ?? null;
}

/**
 * Where a comment is shown: its story, and the `?comments=` cursor of the page that lists its
 * thread (null for the first page). Null for a missing or deleted comment.
 */
export async function locateComment(commentId: string) {
  const db = await getDb();
  const [comment] = await db
    .select({
      id: comments.id,
      threadId: sql<string>`coalesce(${comments.parentId}, ${comments.id})`,
      storyId: comments.storyId,
      storySlug: stories.slug,
      storyStatus: stories.status,
      storyAuthorId: stories.authorId,
    })
    .from(comments)
    .innerJoin(stories, eq(stories.id, comments.storyId))
    .where(and(eq(comments.id, commentId), isNull(comments.deletedAt)))
    .limit(1);
  if (!comment) return null;
  // Compared in SQL, at the database's microsecond precision rather than a Date's milliseconds.
  const thread = sql`(select t.created_at, t.id from ${comments} as t where t.id = ${comment.threadId})`;
  const before = and(threadStarts(comment.storyId), sql`(${comments.createdAt}, ${comments.id}) < ${thread}`);
  const [{ n }] = await db.select({ n: count() }).from(comments).where(before);
  const pages = Math.floor(Number(n) / COMMENTS_PAGE_SIZE);
  let cursor: string | null = null;
  if (pages > 0) {
    // The page starts after the last thread of the page before it, as "More comments" would.
    const [previous] = await db
      .select({ createdAt: comments.createdAt, id: comments.id })
      .from(comments)
      .where(threadStarts(comment.storyId))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .offset(pages * COMMENTS_PAGE_SIZE - 1)
      .limit(1);
    if (previous) cursor = encodeCursor({ at: previous.createdAt, id: previous.id });
  }
  return {
    id: comment.id,
    storySlug: comment.storySlug,
    storyStatus: comment.storyStatus,
    storyAuthorId: comment.storyAuthorId,
    cursor,
  };
}

export async function getCommentAccess(commentId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: comments.id,
      storyId: comments.storyId,
      authorId: comments.authorId,
      authorRole: users.role,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
      storySlug: stories.slug,
      storyTitle: stories.title,
      storyStatus: stories.status,
      commentsClosed: stories.commentsClosed,
      lockedAt: stories.lockedAt,
    })
    .from(comments)
    .innerJoin(stories, eq(stories.id, comments.storyId))
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.id, commentId))
    .limit(1);
  return row ?? null;
}

/** The comment a reply answers is gone (deleted, hidden) or belongs to another story. */
export class ReplyTargetGoneError extends Error {
  constructor() {
    super("The answered comment is not there");
  }
}

/**
 * The comment and the story's counter change together or not at all, with the notifications
 * it causes. A reply joins the thread of the comment it answers (replies are one level deep).
 */
export async function createComment(params: {
  storyId: string;
  authorId: string;
  body: string;
  /** The comment answered: a thread's first comment or another reply in it. */
  replyToId?: string | null;
  /** The form's key: a second submission of the same form returns the first comment. */
  idempotencyKey?: string | null;
}): Promise<{ id: string }> {
  const db = await getDb();
  const now = new Date();
  const replyToId = params.replyToId || null;
  const scope = replyToId
    ? `comment.create:${params.storyId}:${replyToId}`
    : `comment.create:${params.storyId}`;
  const ref = params.idempotencyKey ? { userId: params.authorId, key: params.idempotencyKey, scope } : null;
  return db.transaction(async (tx) => {
    const { result } = await once(tx, ref, async () => {
      const parentId = replyToId
        ? await threadOf(tx, { storyId: params.storyId, commentId: replyToId })
        : null;
      const [comment] = await tx
        .insert(comments)
        .values({
          storyId: params.storyId,
          authorId: params.authorId,
          parentId,
          replyToId,
          body: params.body,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: comments.id });
      await tx
        .update(stories)
        .set({ commentCount: sql`${stories.commentCount} + 1` })
        .where(eq(stories.id, params.storyId));
      const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, params.authorId));
      await notifyCommentPosted(tx, {
        id: comment.id,
        storyId: params.storyId,
        authorId: params.authorId,
        replyToId,
        actorName: author?.name ?? "",
      });
      return comment;
    });
    return result;
  });
}

/** The thread a reply to `commentId` joins; throws when that comment cannot be answered. */
async function threadOf(tx: Transaction, params: { storyId: string; commentId: string }): Promise<string> {
  // A share lock keeps the answered comment from being deleted while the reply is written.
  const [answered] = await tx
    .select({
      storyId: comments.storyId,
      parentId: comments.parentId,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
    })
    .from(comments)
    .where(eq(comments.id, params.commentId))
    .for("share");
  if (!answered || answered.storyId !== params.storyId || answered.deletedAt || answered.hiddenAt)
    throw new ReplyTargetGoneError();
  return answered.parentId ?? params.commentId;
}

export async function updateComment(params: { commentId: string; body: string }): Promise<void> {
  const db = await getDb();
  await db
    .update(comments)
    .set({ body: params.body, updatedAt: new Date() })
    .where(and(eq(comments.id, params.commentId), isNull(comments.deletedAt)));
}

export async function softDeleteComment(commentId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .update(comments)
      .set({ deletedAt: new Date() })
      .where(and(eq(comments.id, commentId), isNull(comments.deletedAt)))
      .returning({ storyId: comments.storyId, hiddenAt: comments.hiddenAt });
    // Deleting twice (double click) must not count twice; a hidden comment was no longer counted.
    if (!deleted || deleted.hiddenAt) return;
    await tx
      .update(stories)
      .set({ commentCount: sql`greatest(${stories.commentCount} - 1, 0)` })
      .where(eq(stories.id, deleted.storyId));
  });
}

/** The newest visible comments of a story, newest first (for its feed). */
export async function latestComments(storyId: string, limit = 50): Promise<CommentView[]> {
  const db = await getDb();
  const rows = await db
    .select(commentColumns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.storyId, storyId), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit);
  return rows.map(toCommentView);
}

// ------------------------------------------------------------------ useful

/**
 * At most one notification per member, target and kind: marking something useful again after
 * taking it back does not notify twice. The notification names the member but does not carry
 * their id, so the check compares the target's link and the member's name.
 */
async function notifyUsefulOnce(
  tx: Transaction,
  entry: {
    userId: string | null;
    actorId: string;
    kind: Extract<NotificationKind, "useful_story" | "useful_comment">;
    storyTitle: string;
    url: string;
    commentId?: string;
  },
): Promise<void> {
  if (!entry.userId || entry.userId === entry.actorId) return;
  const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, entry.actorId));
  const actorName = actor?.name ?? "";
  const [earlier] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, entry.userId),
        eq(notifications.kind, entry.kind),
        sql`${notifications.data}->>'url' = ${entry.url}`,
        sql`${notifications.data}->>'actorName' = ${actorName}`,
      ),
    )
    .limit(1);
  if (earlier) return;
  await notify(tx, {
    userId: entry.userId,
    actorId: entry.actorId,
    kind: entry.kind,
    data: {
      actorName,
      storyTitle: entry.storyTitle,
      url: entry.url,
      ...(entry.commentId ? { commentId: entry.commentId } : {}),
    },
  });
}

/**
 * Marks a story useful for a member, or takes the mark back. The counter on the story changes
 * in the same transaction, and only when the mark did (a second click changes nothing).
 */
export async function setStoryUseful(params: {
  storyId: string;
  userId: string;
  useful: boolean;
}): Promise<{ changed: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!params.useful) {
      const removed = await tx
        .delete(storyUseful)
        .where(and(eq(storyUseful.storyId, params.storyId), eq(storyUseful.userId, params.userId)))
        .returning({ storyId: storyUseful.storyId });
      if (removed.length === 0) return { changed: false };
      await tx
        .update(stories)
        .set({ usefulCount: sql`greatest(${stories.usefulCount} - 1, 0)` })
        .where(eq(stories.id, params.storyId));
      return { changed: true };
    }
    const added = await tx
      .insert(storyUseful)
      .values({ storyId: params.storyId, userId: params.userId })
      .onConflictDoNothing()
      .returning({ storyId: storyUseful.storyId });
    if (added.length === 0) return { changed: false };
    const [story] = await tx
      .update(stories)
      .set({ usefulCount: sql`${stories.usefulCount} + 1` })
      .where(eq(stories.id, params.storyId))
      .returning({ slug: stories.slug, title: stories.title, authorId: stories.authorId });
    if (story) {
      await notifyUsefulOnce(tx, {
        userId: story.authorId,
        actorId: params.userId,
        kind: "useful_story",
        storyTitle: story.title,
        url: `/stories/${story.slug}`,
      });
    }
    return { changed: true };
  });
}

/** Like setStoryUseful, for a comment. */
export async function setCommentUseful(params: {
  commentId: string;
  userId: string;
  useful: boolean;
}): Promise<{ changed: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!params.useful) {
      const removed = await tx
        .delete(commentUseful)
        .where(and(eq(commentUseful.commentId, params.commentId), eq(commentUseful.userId, params.userId)))
        .returning({ commentId: commentUseful.commentId });
      if (removed.length === 0) return { changed: false };
      await tx
        .update(comments)
        .set({ usefulCount: sql`greatest(${comments.usefulCount} - 1, 0)` })
        .where(eq(comments.id, params.commentId));
      return { changed: true };
    }
    const added = await tx
      .insert(commentUseful)
      .values({ commentId: params.commentId, userId: params.userId })
      .onConflictDoNothing()
      .returning({ commentId: commentUseful.commentId });
    if (added.length === 0) return { changed: false };
    const [comment] = await tx
      .update(comments)
      .set({ usefulCount: sql`${comments.usefulCount} + 1` })
      .where(eq(comments.id, params.commentId))
      .returning({ authorId: comments.authorId, storyId: comments.storyId });
    const [story] = comment
      ? await tx
          .select({ slug: stories.slug, title: stories.title })
          .from(stories)
          .where(eq(stories.id, comment.storyId))
      : [];
    if (comment && story) {
      await notifyUsefulOnce(tx, {
        userId: comment.authorId,
        actorId: params.userId,
        kind: "useful_comment",
        storyTitle: story.title,
        url: commentPermalink(story.slug, params.commentId),
        commentId: params.commentId,
      });
    }
    return { changed: true };
  });
}

// ------------------------------------------------------------------ closing and locking

/** The author's switch. Returns whether it changed, so a double click is not two changes. */
export async function setCommentsClosed(params: {
  storyId: string;
  closed: boolean;
}): Promise<{ changed: boolean }> {
  const db = await getDb();
  const changed = await db
    .update(stories)
    .set({ commentsClosed: params.closed })
    .where(and(eq(stories.id, params.storyId), eq(stories.commentsClosed, !params.closed)))
    .returning({ id: stories.id });
  return { changed: changed.length > 0 };
}

/** A moderator's lock. Returns whether it changed, so only real changes are audited. */
export async function setThreadLocked(params: {
  storyId: string;
  locked: boolean;
}): Promise<{ changed: boolean }> {
  const db = await getDb();
  const changed = await db
    .update(stories)
    .set({ lockedAt: params.locked ? new Date() : null })
    .where(
      and(
        eq(stories.id, params.storyId),
        params.locked ? isNull(stories.lockedAt) : isNotNull(stories.lockedAt),
      ),
    )
    .returning({ id: stories.id });
  return { changed: changed.length > 0 };
}
