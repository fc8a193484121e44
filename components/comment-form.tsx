"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { CommentFormState } from "@/lib/comments/actions";
import { commentSchema } from "@/lib/comments/schema";
import { ErrorSummary } from "./forms/error-summary";
import { TextAreaField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

/** Posting a new comment, or editing one (with `commentId`). */
export function CommentForm({
  action,
  storyId,
  commentId,
  defaultValue = "",
  onDone,
  onCancel,
  idempotencyKey,
}: {
  action: (state: CommentFormState, formData: FormData) => Promise<CommentFormState>;
  storyId?: string;
  commentId?: string;
  defaultValue?: string;
  onDone?: () => void;
  onCancel?: () => void;
  /** New comments: one key per render of the story page, so submitting twice posts once. */
  idempotencyKey?: string;
}) {
  const t = useTranslations("comments");
  const { state, formAction, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(action, commentSchema);
  const form = useRef<HTMLFormElement>(null);
  const editing = Boolean(commentId);
  const idPrefix = editing ? `comment-${commentId}-` : "";
  const value = rejectedValues?.body ?? defaultValue;

  useEffect(() => {
    if (state?.ok) {
      form.current?.reset();
      onDone?.();
    }
  }, [state, onDone]);

  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-3"
    >
      <ErrorSummary key={attempt} fieldErrors={fieldErrors} formError={formError} labels={{ body: t("label") }} idPrefix={idPrefix} />
      {storyId ? <input type="hidden" name="storyId" value={storyId} /> : null}
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      <TextAreaField id={`${idPrefix}body`} name="body" label={t("label")} hint={t("hint")} rows={editing ? 4 : 5} defaultValue={value} errors={fieldErrors.body} />
      <div className="flex gap-3">
        <SubmitButton pendingLabel={t("posting")}>{editing ? t("save") : t("post")}</SubmitButton>
        {onCancel ? (
          <button type="button" onClick={onCancel} className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">
            {t("cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
