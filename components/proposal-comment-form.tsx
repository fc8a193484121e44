"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { commentSchema } from "@/lib/comments/schema";
import { postProposalCommentAction } from "@/lib/model/actions";
import { ErrorSummary } from "./forms/error-summary";
import { TextAreaField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useValidatedForm } from "./forms/use-validated-form";

export function ProposalCommentForm({ proposalId }: { proposalId: string }) {
  const t = useTranslations("comments");
  const [state, formAction] = useActionState(postProposalCommentAction, null);
  const { clientErrors, onSubmit } = useValidatedForm(commentSchema);
  const [submitted, setSubmitted] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const fieldErrors = clientErrors ?? (state && !state.ok ? state.fieldErrors : {});
  const formError = !clientErrors && state && !state.ok ? state.formError : undefined;

  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);

  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(event) => {
        onSubmit(event);
        setSubmitted((n) => n + 1);
      }}
      noValidate
      className="space-y-3"
    >
      <ErrorSummary key={submitted} fieldErrors={fieldErrors} formError={formError} labels={{ body: t("label") }} />
      <input type="hidden" name="proposalId" value={proposalId} />
      <TextAreaField id="body" name="body" rows={4} label={t("label")} defaultValue={state && !state.ok ? state.values.body : ""} errors={fieldErrors.body} />
      <SubmitButton pendingLabel={t("posting")}>{t("post")}</SubmitButton>
    </form>
  );
}
