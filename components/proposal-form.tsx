"use client";

import { useTranslations } from "next-intl";
import { createProposalAction } from "@/lib/model/actions";
import { ErrorSummary } from "./forms/error-summary";
import { TextAreaField, TextField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

export function ProposalForm() {
  const t = useTranslations("model");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(
    createProposalAction,
    () => import("@/lib/model/schema").then((m) => m.proposalSchema),
  );
  const values = rejectedValues ?? { name: "", explanation: "", stories: "" };
  const labels = {
    name: t("proposalName"),
    explanation: t("proposalExplanation"),
    stories: t("proposalStories"),
  };

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={labels}
        idPrefix="proposal-"
      />
      <TextField
        id="proposal-name"
        name="name"
        label={labels.name}
        defaultValue={values.name}
        errors={fieldErrors.name}
      />
      <TextAreaField
        id="proposal-explanation"
        name="explanation"
        rows={4}
        label={labels.explanation}
        hint={t("proposalExplanationHint")}
        defaultValue={values.explanation}
        errors={fieldErrors.explanation}
      />
      <TextAreaField
        id="proposal-stories"
        name="stories"
        rows={2}
        label={labels.stories}
        hint={t("proposalStoriesHint")}
        defaultValue={values.stories}
        errors={fieldErrors.stories}
      />
      <SubmitButton pendingLabel={t("proposing")}>{t("propose")}</SubmitButton>
    </form>
  );
}
