"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { saveOrganisationRecognitionAction } from "@/lib/model/actions";
import { NOTE_MAX, organisationNoteSchema } from "@/lib/model/schema";
import { ErrorSummary } from "./forms/error-summary";
import { TextAreaField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useValidatedForm } from "./forms/use-validated-form";

export function OrganisationRecognitionForm({ startingPoint, existingNote }: { startingPoint: string; existingNote: string | null }) {
  const t = useTranslations("model");
  const tForm = useTranslations("storyForm");
  const [state, formAction] = useActionState(saveOrganisationRecognitionAction, null);
  const { clientErrors, onSubmit } = useValidatedForm(organisationNoteSchema);
  const [submitted, setSubmitted] = useState(0);
  const fieldErrors = clientErrors ?? (state && !state.ok ? state.fieldErrors : {});
  const formError = !clientErrors && state && !state.ok ? state.formError : undefined;
  const note = state && !state.ok ? state.values.note : (existingNote ?? "");

  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        onSubmit(event);
        setSubmitted((n) => n + 1);
      }}
      noValidate
      className="space-y-3"
    >
      <ErrorSummary key={submitted} fieldErrors={fieldErrors} formError={formError} labels={{ note: t("note") }} />
      <input type="hidden" name="startingPoint" value={startingPoint} />
      <TextAreaField id="note" name="note" rows={3} label={t("note")} hint={t("noteHint", { max: NOTE_MAX })} defaultValue={note} errors={fieldErrors.note} />
      <SubmitButton pendingLabel={tForm("saving")}>{existingNote === null ? t("recogniseInOrganisation") : t("updateNote")}</SubmitButton>
    </form>
  );
}
