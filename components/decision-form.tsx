"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { decideProposalAction } from "@/lib/model/actions";
import { ErrorSummary } from "./forms/error-summary";
import { SelectField, TextAreaField, TextField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

/** A moderator accepts (with both languages), merges or declines a proposal. */
export function DecisionForm({
  proposalId,
  proposalName,
  proposalExplanation,
  startingPoints,
}: {
  proposalId: string;
  proposalName: string;
  proposalExplanation: string;
  startingPoints: { slug: string; name: string }[];
}) {
  const t = useTranslations("model");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(
    decideProposalAction,
    () => import("@/lib/model/schema").then((m) => m.decisionSchema),
  );
  const values = rejectedValues ?? {};
  const [decision, setDecision] = useState(values.decision ?? "accept");
  const labels: Record<string, string> = {
    decision: t("decision"),
    nameEn: t("nameEn"),
    nameNl: t("nameNl"),
    descriptionEn: t("descriptionEn"),
    descriptionNl: t("descriptionNl"),
    mergeInto: t("mergeInto"),
    reason: t("decisionReason"),
  };

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-4">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={labels}
        idPrefix="decision-"
      />
      <input type="hidden" name="proposalId" value={proposalId} />
      <fieldset>
        <legend className="font-medium">{t("decision")}</legend>
        <div className="mt-2 space-y-1">
          {(
            [
              ["accept", t("decisionAccept")],
              ["merge", t("decisionMerge")],
              ["decline", t("decisionDecline")],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="decision"
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
                className="size-4"
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {/* All fields stay in the form (hidden when not relevant) so nothing typed is lost when switching. */}
      <div hidden={decision !== "accept"} className="space-y-4">
        <TextField
          id="decision-nameEn"
          name="nameEn"
          label={labels.nameEn}
          defaultValue={values.nameEn ?? proposalName}
          errors={fieldErrors.nameEn}
        />
        <TextField
          id="decision-nameNl"
          name="nameNl"
          label={labels.nameNl}
          defaultValue={values.nameNl ?? ""}
          errors={fieldErrors.nameNl}
        />
        <TextAreaField
          id="decision-descriptionEn"
          name="descriptionEn"
          label={labels.descriptionEn}
          defaultValue={values.descriptionEn ?? proposalExplanation}
          errors={fieldErrors.descriptionEn}
        />
        <TextAreaField
          id="decision-descriptionNl"
          name="descriptionNl"
          label={labels.descriptionNl}
          defaultValue={values.descriptionNl ?? ""}
          errors={fieldErrors.descriptionNl}
        />
      </div>
      <div hidden={decision !== "merge"}>
        <SelectField
          id="decision-mergeInto"
          name="mergeInto"
          label={labels.mergeInto}
          placeholder={t("chooseStartingPoint")}
          options={startingPoints.map((sp) => ({ value: sp.slug, label: sp.name }))}
          defaultValue={values.mergeInto ?? ""}
          errors={fieldErrors.mergeInto}
        />
      </div>
      <TextAreaField
        id="decision-reason"
        name="reason"
        rows={3}
        label={labels.reason}
        hint={t("decisionReasonHint")}
        defaultValue={values.reason ?? ""}
        errors={fieldErrors.reason}
      />
      <SubmitButton pendingLabel={t("deciding")}>{t("decide")}</SubmitButton>
    </form>
  );
}
