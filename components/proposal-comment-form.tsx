"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { postProposalCommentAction } from "@/lib/model/actions";
import { ErrorSummary } from "./forms/error-summary";
import { TextAreaField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

export function ProposalCommentForm({ proposalId }: { proposalId: string }) {
  const t = useTranslations("comments");
  const { state, formAction, formRef, form, onSubmit, attempt, fieldErrors, formError, rejectedValues } =
    useFormAction(postProposalCommentAction, () =>
      import("@/lib/comments/schema").then((m) => m.commentSchema),
    );

  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state, form]);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ body: t("label") }}
      />
      <input type="hidden" name="proposalId" value={proposalId} />
      <TextAreaField
        id="body"
        name="body"
        rows={4}
        label={t("label")}
        defaultValue={rejectedValues?.body ?? ""}
        errors={fieldErrors.body}
      />
      <SubmitButton pendingLabel={t("posting")}>{t("post")}</SubmitButton>
    </form>
  );
}
