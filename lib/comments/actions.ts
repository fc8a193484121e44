"use server";

import { revalidatePath } from "next/cache";
import { conversationChanged } from "@/lib/cache/tags";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import {
  canCloseComments,
  canComment,
  canDeleteComment,
  canEditComment,
  canLockThread,
  canMarkUseful,
  canWritePublicly,
  commentsClosedReason,
} from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { memberOverLimit } from "@/lib/rate-limit/guard";
import { findTarget } from "@/lib/moderation/targets";
import { recordStaffAction } from "@/lib/moderation/audit";
import { readIdempotencyKey } from "@/lib/idempotency";
import { formText } from "@/lib/validation/form-data";
import { validationErrorMap } from "@/lib/validation/error-map";
import { formError, invalid, ok, refuse, type FormState } from "@/lib/validation/form-state";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import {
  createComment,
  getCommentAccess,
  getStoryConversationAccess,
  ReplyTargetGoneError,
  setCommentsClosed,
  setCommentUseful,
  setStoryUseful,
  setThreadLocked,
  softDeleteComment,
  updateComment,
} from "./queries";
import { commentPermalink } from "./permalink";
import { commentSchema } from "./schema";

export type CommentValues = { body: string };
export type CommentFormState = FormState<CommentValues>;

/** A new comment, or a reply when the form names the comment it answers (`replyToId`). */
export async function postCommentAction(
  state: CommentFormState,
  formData: FormData,
): Promise<CommentFormState> {
  return keepInputWhenUnavailable(postCommentSubmission, state, formData);
}

async function postCommentSubmission(_prev: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const t = await getTranslations();
  const values = { body: formText(formData, "body") };
  const replyToId = formText(formData, "replyToId") || null;
  const user = await requireUser(() => refuse(formError(t("comments.signInToComment"), values)));
  const story = await getStoryConversationAccess(formText(formData, "storyId"));
  if (!canWritePublicly(user)) return formError(t("comments.confirmEmailToComment"), values);
  if (!story || !canComment(user, story)) {
    const closed = story?.status === "published" ? commentsClosedReason(story) : null;
    return formError(
      closed === "locked"
        ? t("comments.lockedNote")
        : closed === "closed"
          ? t("comments.closedNote")
          : t("comments.storyGone"),
      values,
    );
  }

  const parsed = commentSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);
  const limited = await memberOverLimit("commentPerMember", user.id);
  if (limited) return formError(limited, values);

  let created: { id: string };
  try {
    created = await createComment({
      storyId: story.id,
      authorId: user.id,
      body: parsed.data.body,
      replyToId,
      idempotencyKey: readIdempotencyKey(formData),
    });
  } catch (error) {
    if (error instanceof ReplyTargetGoneError) return formError(t("comments.replyGone"), values);
    throw error;
  }
  await conversationChanged(story.id);
  // A browser without JavaScript gets the classic answer to a post: 303 to the new comment
  // (reloading that page posts nothing again), instead of the whole story page rendered anew
  // as the answer to the POST. The form says when the page handles the answer itself.
  if (formText(formData, "enhanced") !== "1") redirect(commentPermalink(story.slug, created.id));
  revalidatePath(`/stories/${story.slug}`);
  return ok({ id: created.id });
}

export async function updateCommentAction(
  state: CommentFormState,
  formData: FormData,
): Promise<CommentFormState> {
  return keepInputWhenUnavailable(updateCommentSubmission, state, formData);
}

async function updateCommentSubmission(
  _prev: CommentFormState,
  formData: FormData,
): Promise<CommentFormState> {
  const t = await getTranslations();
  const values = { body: formText(formData, "body") };
  const comment = await getCommentAccess(formText(formData, "commentId"));
  const closed = comment ? commentsClosedReason(comment) : null;
  const notAllowed = formError(
    closed === "locked"
      ? t("comments.lockedNote")
      : closed === "closed"
        ? t("comments.closedNote")
        : t("comments.notAllowed"),
    values,
  );
  const user = await requireUser(() => refuse(notAllowed));
  if (!comment || !canEditComment(user, comment, comment)) return notAllowed;

  const parsed = commentSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);

  await updateComment({ commentId: comment.id, body: parsed.data.body });
  await conversationChanged(comment.storyId);
  revalidatePath(`/stories/${comment.storySlug}`);
  return ok();
}

export async function deleteCommentAction(formData: FormData): Promise<void> {
  const user = await requireUser(forbidden);
  const comment = await getCommentAccess(formText(formData, "commentId"));
  if (!comment || !canDeleteComment(user, comment, { status: comment.storyStatus })) {
    forbidden();
  }
  if (user.id !== comment.authorId) {
    const target = await findTarget("comment", comment.id);
    if (target)
      await recordStaffAction({
        actorId: user.id,
        action: "delete",
        target,
        before: { state: target.state },
        after: { state: "deleted" },
      });
  }
  await softDeleteComment(comment.id);
  await conversationChanged(comment.storyId);
  revalidatePath(`/stories/${comment.storySlug}`);
}

/*
 * One-click forms without a message, like recognitions: they work as plain form posts, and
 * the form says the state it asks for (`useful=true|false`), so sending it twice changes
 * nothing. Over the rate limit the click changes nothing either.
 */

export async function toggleStoryUsefulAction(formData: FormData): Promise<void> {
  const story = await getStoryConversationAccess(formText(formData, "storyId"));
  if (!story) return;
  const user = await requireUser(`/stories/${story.slug}`);
  if (!canMarkUseful(user, story)) return;
  if (await memberOverLimit("reactionPerMember", user.id)) return;
  await setStoryUseful({
    storyId: story.id,
    userId: user.id,
    useful: formText(formData, "useful") === "true",
  });
  await conversationChanged(story.id);
  revalidatePath(`/stories/${story.slug}`);
}

export async function toggleCommentUsefulAction(formData: FormData): Promise<void> {
  const comment = await getCommentAccess(formText(formData, "commentId"));
  if (!comment) return;
  const user = await requireUser(`/stories/${comment.storySlug}`);
  if (!canMarkUseful(user, { ...comment, status: comment.storyStatus })) return;
  if (await memberOverLimit("reactionPerMember", user.id)) return;
  await setCommentUseful({
    commentId: comment.id,
    userId: user.id,
    useful: formText(formData, "useful") === "true",
  });
  await conversationChanged(comment.storyId);
  revalidatePath(`/stories/${comment.storySlug}`);
}

/** The author switches comments off on their own story, or on again. */
export async function setCommentsClosedAction(formData: FormData): Promise<void> {
  const story = await getStoryConversationAccess(formText(formData, "storyId"));
  if (!story) return;
  const user = await requireUser(`/stories/${story.slug}`);
  if (!canCloseComments(user, story)) {
    forbidden();
  }
  await setCommentsClosed({ storyId: story.id, closed: formText(formData, "closed") === "true" });
  await conversationChanged(story.id);
  revalidatePath(`/stories/${story.slug}`);
}

/**
 * A moderator locks a story's conversation, or unlocks it. Audited like moderators' edits; the
 * audit trail has no lock action, so it is recorded as an "edit" of the story from
 * `{ locked: false }` to `{ locked: true }` (or back).
 */
export async function setThreadLockedAction(formData: FormData): Promise<void> {
  const story = await getStoryConversationAccess(formText(formData, "storyId"));
  if (!story) return;
  const user = await requireUser(`/stories/${story.slug}`);
  if (!canLockThread(user, story)) {
    forbidden();
  }
  const locked = formText(formData, "locked") === "true";
  const { changed } = await setThreadLocked({ storyId: story.id, locked });
  if (changed) {
    await recordStaffAction({
      actorId: user.id,
      action: locked ? "lock" : "unlock",
      target: { type: "story", id: story.id, userId: story.authorId, label: story.title },
      before: { locked: !locked },
      after: { locked },
    });
  }
  await conversationChanged(story.id);
  revalidatePath(`/stories/${story.slug}`);
}
