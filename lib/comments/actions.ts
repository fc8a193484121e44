"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { canComment, canDeleteComment, canEditComment } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { memberOverLimit } from "@/lib/rate-limit/guard";
import { findTarget, recordStaffAction } from "@/lib/moderation/queries";
import { getStoryAccess } from "@/lib/stories/queries";
import { readIdempotencyKey } from "@/lib/idempotency";
import { formText } from "@/lib/validation/form-data";
import { validationErrorMap, type FormState } from "@/lib/validation/error-map";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import { createComment, getCommentAccess, softDeleteComment, updateComment } from "./queries";
import { commentSchema } from "./schema";

export type CommentValues = { body: string };
export type CommentFormState = FormState<CommentValues>;

export async function postCommentAction(state: CommentFormState, formData: FormData): Promise<CommentFormState> {
  return keepInputWhenUnavailable(postCommentSubmission, state, formData);
}

async function postCommentSubmission(_prev: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const t = await getTranslations();
  const values = { body: formText(formData, "body") };
  const user = await currentUser();
  const story = await getStoryAccess(formText(formData, "storyId"));
  if (!user) return { ok: false, fieldErrors: {}, formError: t("comments.signInToComment"), values };
  if (!story || !canComment(user, story)) return { ok: false, fieldErrors: {}, formError: t("comments.storyGone"), values };

  const parsed = commentSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const limited = await memberOverLimit("commentPerMember", user.id);
  if (limited) return { ok: false, fieldErrors: {}, formError: limited, values };

  await createComment({ storyId: story.id, authorId: user.id, body: parsed.data.body, idempotencyKey: readIdempotencyKey(formData) });
  revalidatePath(`/stories/${story.slug}`);
  return { ok: true };
}

export async function updateCommentAction(state: CommentFormState, formData: FormData): Promise<CommentFormState> {
  return keepInputWhenUnavailable(updateCommentSubmission, state, formData);
}

async function updateCommentSubmission(_prev: CommentFormState, formData: FormData): Promise<CommentFormState> {
  const t = await getTranslations();
  const values = { body: formText(formData, "body") };
  const user = await currentUser();
  const comment = await getCommentAccess(formText(formData, "commentId"));
  if (!user || !comment || !canEditComment(user, comment)) {
    return { ok: false, fieldErrors: {}, formError: t("comments.notAllowed"), values };
  }

  const parsed = commentSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };

  await updateComment({ commentId: comment.id, body: parsed.data.body });
  revalidatePath(`/stories/${comment.storySlug}`);
  return { ok: true };
}

export async function deleteCommentAction(formData: FormData): Promise<void> {
  const user = await currentUser();
  const comment = await getCommentAccess(formText(formData, "commentId"));
  if (!user || !comment || !canDeleteComment(user, comment)) {
    const t = await getTranslations();
    throw new Error(t("comments.notAllowed"));
  }
  if (user.id !== comment.authorId) {
    const target = await findTarget("comment", comment.id);
    if (target) await recordStaffAction({ actorId: user.id, action: "delete", target, before: { state: target.state }, after: { state: "deleted" } });
  }
  await softDeleteComment(comment.id);
  revalidatePath(`/stories/${comment.storySlug}`);
}
