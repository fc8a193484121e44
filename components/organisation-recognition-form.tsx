"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { saveOrganisationRecognitionAction } from "@/lib/model/actions";
import { RECOGNITION_STATUS_ID } from "@/lib/feedback/ids";
import { focusResult } from "./action-feedback";
import { ErrorSummary } from "./forms/error-summary";
import { TextAreaField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

/** `noteMax` comes from the page: the schema module (and zod with it) loads only on submit. */
export function OrganisationRecognitionForm({
  startingPoint,
  existingNote,
  noteMax,
}: {
  startingPoint: string;
  existingNote: string | null;
  noteMax: number;
}) {
  const t = useTranslations("model");
  const tForm = useTranslations("storyForm");
  const tFeedback = useTranslations("feedback");
  const { state, formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } =
    useFormAction(saveOrganisationRecognitionAction, () =>
      import("@/lib/model/schema").then((m) => m.organisationNoteSchema),
    );
  const note = rejectedValues?.note ?? existingNote ?? "";
  const handled = useRef(state);
  useEffect(() => {
    if (!state?.ok || handled.current === state) return;
    handled.current = state;
    // The page's line "You recognise this starting point in your organisation" (RECOGNITION_STATUS_ID).
    focusResult(RECOGNITION_STATUS_ID, tFeedback("organisationRecognised"));
  }, [state, tFeedback]);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-3">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ note: t("note") }}
      />
      <input type="hidden" name="startingPoint" value={startingPoint} />
      <TextAreaField
        id="note"
        name="note"
        rows={3}
        label={t("note")}
        hint={t("noteHint", { max: noteMax })}
        defaultValue={note}
        errors={fieldErrors.note}
      />
      <SubmitButton pendingLabel={tForm("saving")}>
        {existingNote === null ? t("recogniseInOrganisation") : t("updateNote")}
      </SubmitButton>
    </form>
  );
}
