import {
  canDeleteComment,
  canEditComment,
  canMarkUseful,
  canReport,
  isModerator,
  type Actor,
} from "@/lib/auth/permissions";
import type { StoryStatus } from "@/db/schema";
import type { AnsweredComment, CommentView } from "./queries";

/*
 * What one comment on a story page shows to one reader: its words, its author, and what this
 * reader may do with it. Pure, so the rules can be tested without a page; the story page calls
 * it for every comment it lists, and components/comment-item.tsx renders the result.
 */

/*
 * A story page lists up to 50 comments, and React sends each one's props twice: in the HTML and
 * in the page's RSC payload. So a field that holds its default (false, null, nothing to say) is
 * left out rather than sent, and what every comment of the page shares (the story, its address)
 * is sent once, to the list (components/comment-list.tsx), not with each comment.
 */
export type CommentItemView = {
  id: string;
  /** The rendered body; absent for hidden and deleted comments, whose words stay on the server. */
  html?: string;
  /** The Markdown source, for the edit form: only for a reader who may edit. */
  body?: string;
  createdAt: Date;
  edited?: boolean;
  /** Absent when the author's account is gone ("former member"). */
  author?: { name: string; handle: string };
  canEdit?: boolean;
  canDelete?: boolean;
  /** Hidden by moderators; the reason only for its author and moderators. */
  hidden?: { reason?: string };
  /** Deleted, shown only because replies still answer it. */
  deleted?: boolean;
  reportHref?: string;
  /** Absent for hidden and deleted comments. */
  useful?: { count: number; pressed?: boolean; canToggle?: boolean };
  /** Absent when the reader cannot reply (signed out, conversation closed, hidden comment). */
  reply?: { storyId: string; idempotencyKey: string; href: string; open?: boolean };
  /** A reply answering another reply: whom (absent: a former member), and the start of what they wrote. */
  replyTo?: { id: string; name?: string; quote: string | null };
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
  const canDelete = canDeleteComment(
    user,
    { authorId: comment.authorId, authorRole: comment.authorRole, deletedAt },
    story,
  );
  const hiddenReason =
    comment.hidden?.reason && user && (user.id === comment.authorId || isModerator(user))
      ? comment.hidden.reason
      : null;
  const pressed = reader.markedUseful.has(comment.id);
  const canToggle = canMarkUseful(user, { authorId: comment.authorId, status: story.status });
  const view: CommentItemView = { id: comment.id, createdAt: comment.createdAt };
  if (!gone) view.html = comment.html;
  // The source doubles a comment's size in the page: only the edit form needs it.
  if (canEdit) view.body = comment.body;
  if (comment.updatedAt.getTime() - comment.createdAt.getTime() > EDIT_GRACE_MS) view.edited = true;
  if (comment.author) view.author = comment.author;
  if (canEdit) view.canEdit = true;
  if (canDelete) view.canDelete = true;
  if (comment.hidden) view.hidden = hiddenReason ? { reason: hiddenReason } : {};
  if (comment.deleted) view.deleted = true;
  if (user && !gone && canReport(user, { type: "comment", userId: comment.authorId, state: "published" }))
    view.reportHref = `/report/comment/${comment.id}`;
  if (!gone)
    view.useful = {
      count: comment.usefulCount,
      ...(pressed ? { pressed } : {}),
      ...(canToggle ? { canToggle } : {}),
    };
  if (reader.mayComment && !gone)
    view.reply = {
      storyId: story.id,
      idempotencyKey: reader.newKey(),
      href: `${reader.commentsPage}reply=${comment.id}#reply-form-${comment.id}`,
      ...(reader.replyParam === comment.id ? { open: true } : {}),
    };
  if (replyTo)
    view.replyTo = {
      id: replyTo.id,
      ...(replyTo.author ? { name: replyTo.author.name } : {}),
      quote: replyTo.quote,
    };
  return view;
}
