"use client";

import { useTranslations } from "next-intl";
import { reportAction } from "@/lib/moderation/actions";
import { REPORT_NOTE_MAX, REPORT_REASONS } from "@/lib/moderation/schema";
import { ErrorSummary } from "./forms/error-summary";
import { describedBy, FieldError, TextAreaField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

/** Reporting a story, comment or profile: a reason from the closed list and an explanation. */
export function ReportForm({
  targetType,
  targetId,
  backHref,
}: {
  targetType: string;
  targetId: string;
  backHref: string;
}) {
  const t = useTranslations("moderation");
  const { state, formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } =
    useFormAction(reportAction, () => import("@/lib/moderation/schema").then((m) => m.reportSchema));
  const values = rejectedValues ?? { reason: "", note: "" };

  if (state?.ok) {
    return (
      <div role="status" className="space-y-3 rounded border border-green-700 bg-green-50 p-4">
        <p>{state.message}</p>
        <a href={backHref}>{t("backTo")}</a>
      </div>
    );
  }

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ reason: t("reasonLegend"), note: t("noteLabel") }}
      />
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <fieldset
        aria-describedby={describedBy("reason", undefined, fieldErrors.reason)}
        aria-invalid={fieldErrors.reason?.length ? true : undefined}
      >
        <legend className="font-medium">{t("reasonLegend")}</legend>
        <div className="mt-2 space-y-1">
          {REPORT_REASONS.map((reason, i) => (
            <label key={reason} className="flex items-center gap-2">
              {/* The first option carries the id the error summary links to. */}
              <input
                type="radio"
                id={i === 0 ? "reason" : undefined}
                name="reason"
                value={reason}
                defaultChecked={values.reason === reason}
                className="size-4"
              />
              {t(`reason_${reason}`)}
            </label>
          ))}
        </div>
        <FieldError id="reason" errors={fieldErrors.reason} />
      </fieldset>
      <TextAreaField
        id="note"
        name="note"
        rows={4}
        label={t("noteLabel")}
        hint={t("noteHint", { max: REPORT_NOTE_MAX })}
        defaultValue={values.note}
        errors={fieldErrors.note}
      />
      <div className="flex items-center gap-4">
        <SubmitButton pendingLabel={t("sending")}>{t("sendReport")}</SubmitButton>
        <a href={backHref}>{t("backTo")}</a>
      </div>
    </form>
  );
}
