"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { CommentFormState } from "@/lib/comments/actions";
import { focusResult } from "./action-feedback";
import { ErrorSummary } from "./forms/error-summary";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";
import { MarkdownEditor } from "./markdown-editor";
import { useHydrated } from "./use-hydrated";

/** Posting a new comment, a reply (with `replyToId`), or editing one (with `commentId`). */
export function CommentForm({
  action,
  storyId,
  commentId,
  replyToId,
  defaultValue = "",
  onDone,
  onCancel,
  idempotencyKey,
}: {
  action: (state: CommentFormState, formData: FormData) => Promise<CommentFormState>;
  storyId?: string;
  commentId?: string;
  replyToId?: string;
  defaultValue?: string;
  onDone?: () => void;
  onCancel?: () => void;
  /** New comments and replies: one key per render of the story page, so submitting twice posts once. */
  idempotencyKey?: string;
}) {
  const t = useTranslations("comments");
  const tFeedback = useTranslations("feedback");
  const { state, formAction, formRef, form, onSubmit, attempt, fieldErrors, formError, rejectedValues } =
    useFormAction(action, () => import("@/lib/comments/schema").then((m) => m.commentSchema));
  const hydrated = useHydrated();
  // Remounts the editor after a successful post, so it is back on "Write" and empty
  // (adjusted while rendering, as React advises for state that follows other state).
  const [posted, setPosted] = useState(0);
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    if (state?.ok) setPosted(posted + 1);
  }
  // Several of these forms can be on one page: every id is prefixed.
  const idPrefix = commentId ? `comment-${commentId}-` : replyToId ? `reply-${replyToId}-` : "";
  const label = replyToId ? t("replyLabel") : t("label");
  const value = rejectedValues?.body ?? defaultValue;

  const handled = useRef(state);
  useEffect(() => {
    if (state?.ok && handled.current !== state) {
      handled.current = state;
      form.current?.reset();
      onDone?.();
      // The focus goes to the comment itself, and the status region says it is there.
      const field = () => document.getElementById(`${idPrefix}body`);
      const resultId = `comment-${state.id ?? commentId}`;
      focusResult(
        resultId,
        commentId
          ? tFeedback("commentSaved")
          : replyToId
            ? tFeedback("replyPosted")
            : tFeedback("commentPosted"),
        field,
      );
    }
  }, [state, form, onDone, idPrefix, commentId, replyToId, tFeedback]);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ body: label }}
        idPrefix={idPrefix}
      />
      {/* Tells the action the page handles its answer itself; without it a post is answered with a redirect. */}
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
      {storyId ? <input type="hidden" name="storyId" value={storyId} /> : null}
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      {replyToId ? <input type="hidden" name="replyToId" value={replyToId} /> : null}
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      <MarkdownEditor
        key={posted}
        id={`${idPrefix}body`}
        name="body"
        label={label}
        hint={t("hint")}
        rows={commentId || replyToId ? 4 : 5}
        defaultValue={value}
        errors={fieldErrors.body}
        previewLabel={t("previewLabel")}
      />
      <div className="flex gap-3">
        <SubmitButton pendingLabel={t("posting")}>
          {commentId ? t("save") : replyToId ? t("postReply") : t("post")}
        </SubmitButton>
        {onCancel ? (
          <button
            type="button"
            onClick={onCancel}
            className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
          >
            {t("cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
