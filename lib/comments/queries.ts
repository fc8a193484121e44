import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { comments, stories, users } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { once } from "@/lib/idempotency";

export const COMMENTS_PAGE_SIZE = 50;

export type CommentView = {
  id: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  authorId: string | null;
  author: { name: string; handle: string } | null;
  /** Hidden by moderators: the thread shows that it was, its author and moderators see why. */
  hidden: { reason: string } | null;
};

const commentColumns = {
  id: comments.id,
  body: comments.body,
  createdAt: comments.createdAt,
  updatedAt: comments.updatedAt,
  authorId: comments.authorId,
  authorName: users.name,
  authorHandle: users.handle,
  hiddenAt: comments.hiddenAt,
  hiddenReason: comments.hiddenReason,
};

function toCommentView({
  authorName,
  authorHandle,
  hiddenAt,
  hiddenReason,
  ...comment
}: Omit<CommentView, "author" | "hidden"> & { authorName: string | null; authorHandle: string | null; hiddenAt: Date | null; hiddenReason: string }): CommentView {
  return {
    ...comment,
    author: authorName && authorHandle ? { name: authorName, handle: authorHandle } : null,
    hidden: hiddenAt ? { reason: hiddenReason } : null,
  };
}

/** Visible comments of a story, oldest first, a keyset page at a time. */
export async function listComments(params: { storyId: string; after?: string | null; limit?: number }) {
  const db = await getDb();
  const limit = params.limit ?? COMMENTS_PAGE_SIZE;
  const after = decodeCursor(params.after);
  const rows = await db
    .select(commentColumns)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(
      and(
        eq(comments.storyId, params.storyId),
        isNull(comments.deletedAt),
        after ? sql`(${comments.createdAt}, ${comments.id}) > (${after.at.toISOString()}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(toCommentView);
  const last = items.at(-1);
  return { items, more: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null };
}

export async function getCommentAccess(commentId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: comments.id,
      storyId: comments.storyId,
      authorId: comments.authorId,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
      storySlug: stories.slug,
    })
    .from(comments)
    .innerJoin(stories, eq(stories.id, comments.storyId))
    .where(eq(comments.id, commentId))
    .limit(1);
  return row ?? null;
}

/** The comment and the story's counter change together or not at all. */
export async function createComment(params: {
  storyId: string;
  authorId: string;
  body: string;
  /** The form's key: a second submission of the same form returns the first comment. */
  idempotencyKey?: string | null;
}): Promise<{ id: string }> {
  const db = await getDb();
  const now = new Date();
  const ref = params.idempotencyKey ? { userId: params.authorId, key: params.idempotencyKey, scope: `comment.create:${params.storyId}` } : null;
  return db.transaction(async (tx) => {
    const { result } = await once(tx, ref, async () => {
      const [comment] = await tx
        .insert(comments)
        .values({ storyId: params.storyId, authorId: params.authorId, body: params.body, createdAt: now, updatedAt: now })
        .returning({ id: comments.id });
      await tx
        .update(stories)
        .set({ commentCount: sql`${stories.commentCount} + 1` })
        .where(eq(stories.id, params.storyId));
      return comment;
    });
    return result;
  });
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
