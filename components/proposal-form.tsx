"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { createProposalAction } from "@/lib/model/actions";
import { proposalSchema } from "@/lib/model/schema";
import { ErrorSummary } from "./forms/error-summary";
import { TextAreaField, TextField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useValidatedForm } from "./forms/use-validated-form";

export function ProposalForm() {
  const t = useTranslations("model");
  const [state, formAction] = useActionState(createProposalAction, null);
  const { clientErrors, onSubmit } = useValidatedForm(proposalSchema);
  const [submitted, setSubmitted] = useState(0);
  const fieldErrors = clientErrors ?? (state && !state.ok ? state.fieldErrors : {});
  const formError = !clientErrors && state && !state.ok ? state.formError : undefined;
  const values = state && !state.ok ? state.values : { name: "", explanation: "", stories: "" };
  const labels = { name: t("proposalName"), explanation: t("proposalExplanation"), stories: t("proposalStories") };

  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        onSubmit(event);
        setSubmitted((n) => n + 1);
      }}
      noValidate
      className="space-y-4"
    >
      <ErrorSummary key={submitted} fieldErrors={fieldErrors} formError={formError} labels={labels} idPrefix="proposal-" />
      <TextField id="proposal-name" name="name" label={labels.name} defaultValue={values.name} errors={fieldErrors.name} />
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
