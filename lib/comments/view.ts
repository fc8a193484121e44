import {
  canDeleteComment,
  canEditComment,
  canMarkUseful,
  canReport,
  isModerator,
  type Actor,
} from "@/lib/auth/permissions";
import type { StoryStatus } from "@/db/schema";
import { commentPermalink } from "./permalink";
import type { AnsweredComment, CommentView } from "./queries";

/*
 * What one comment on a story page shows to one reader: its words, its author, and what this
 * reader may do with it. Pure, so the rules can be tested without a page; the story page calls
 * it for every comment it lists, and components/comment-item.tsx renders the result.
 */

export type CommentItemView = {
  id: string;
  /** The rendered body; "" for hidden and deleted comments, whose words stay on the server. */
  html: string;
  /** The Markdown source, for the edit form: only for a reader who may edit, else "". */
  body: string;
  createdAt: Date;
  edited: boolean;
  author: { name: string; handle: string } | null;
  canEdit: boolean;
  canDelete: boolean;
  /** Hidden by moderators; the reason only for its author and moderators. */
  hidden: { reason: string | null } | null;
  /** Deleted, shown only because replies still answer it. */
  deleted: boolean;
  reportHref: string | null;
  /** The link that finds the comment's page of the story (see app/stories/[slug]/comments/[id]). */
  permalink: string;
  /** Null for hidden and deleted comments. */
  useful: { count: number; pressed: boolean; canToggle: boolean } | null;
  /** Null when the reader cannot reply (signed out, conversation closed, hidden comment). */
  reply: { storyId: string; idempotencyKey: string; href: string; open: boolean } | null;
  /** A reply answering another reply: whom, and the start of what they wrote. */
  replyTo: { id: string; name: string | null; quote: string | null } | null;
};

export type CommentReader = {
  user: Actor;
  story: { id: string; slug: string; status: StoryStatus };
  conversation: { commentsClosed: boolean; lockedAt: Date | null };
  /** Whether the reader may comment on this story at all (canComment). */
  mayComment: boolean;
  /** The comments this reader marked useful. */
  markedUseful: ReadonlySet<string>;
  /** The story page's address with the current comments page, ending in "?" or "&". */
  commentsPage: string;
  /** The comment whose reply form the page was asked to open. */
  replyParam: string | null;
  /** A fresh idempotency key for a reply form. */
  newKey: () => string;
};

// An edit within a second of posting is the post itself.
const EDIT_GRACE_MS = 1_000;

export function commentItemView(
  comment: CommentView & { html: string },
  replyTo: AnsweredComment | null,
  reader: CommentReader,
): CommentItemView {
  const { user, story, conversation } = reader;
  const gone = comment.hidden !== null || comment.deleted;
  // Deleted comments keep the time of their deletion as their last change.
  const deletedAt = comment.deleted ? comment.updatedAt : null;
  const hiddenAt = comment.hidden?.at ?? null;
  const canEdit = canEditComment(user, { authorId: comment.authorId, deletedAt, hiddenAt }, conversation);
  return {
    id: comment.id,
    html: gone ? "" : comment.html,
    // The source doubles a comment's size in the page: only the edit form needs it.
    body: canEdit ? comment.body : "",
    createdAt: comment.createdAt,
    edited: comment.updatedAt.getTime() - comment.createdAt.getTime() > EDIT_GRACE_MS,
    author: comment.author,
    canEdit,
    canDelete: canDeleteComment(
      user,
      { authorId: comment.authorId, authorRole: comment.authorRole, deletedAt },
      story,
    ),
    hidden: comment.hidden
      ? { reason: user && (user.id === comment.authorId || isModerator(user)) ? comment.hidden.reason : null }
      : null,
    deleted: comment.deleted,
    reportHref:
      user && !gone && canReport(user, { type: "comment", userId: comment.authorId, state: "published" })
        ? `/report/comment/${comment.id}`
        : null,
    permalink: commentPermalink(story.slug, comment.id),
    useful: gone
      ? null
      : {
          count: comment.usefulCount,
          pressed: reader.markedUseful.has(comment.id),
          canToggle: canMarkUseful(user, { authorId: comment.authorId, status: story.status }),
        },
    reply:
      reader.mayComment && !gone
        ? {
            storyId: story.id,
            idempotencyKey: reader.newKey(),
            href: `${reader.commentsPage}reply=${comment.id}#reply-form-${comment.id}`,
            open: reader.replyParam === comment.id,
          }
        : null,
    replyTo: replyTo ? { id: replyTo.id, name: replyTo.author?.name ?? null, quote: replyTo.quote } : null,
  };
}
