"use client";

import { useTranslations } from "next-intl";
import { updateNotificationSettingsAction } from "@/lib/notifications/actions";
import { EMAIL_FREQUENCIES } from "@/lib/notifications/schema";
import { ErrorSummary } from "./forms/error-summary";
import { describedBy, FieldError } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

/** How often notifications come by mail: at once, a daily summary, or never. */
export function NotificationSettingsForm({ emailFrequency }: { emailFrequency: string }) {
  const t = useTranslations("notificationSettings");
  const { state, formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } =
    useFormAction(updateNotificationSettingsAction, () =>
      import("@/lib/notifications/schema").then((m) => m.notificationSettingsSchema),
    );
  const values = rejectedValues ?? { emailFrequency };
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ emailFrequency: t("frequencyLegend") }}
      />
      {state?.ok ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
          {state.message}
        </p>
      ) : null}
      <fieldset
        aria-describedby={describedBy("emailFrequency", undefined, fieldErrors.emailFrequency)}
        aria-invalid={fieldErrors.emailFrequency?.length ? true : undefined}
      >
        <legend className="font-medium">{t("frequencyLegend")}</legend>
        <div className="mt-2 space-y-1">
          {EMAIL_FREQUENCIES.map((frequency, i) => (
            <label key={frequency} className="flex items-center gap-2">
              {/* The first option carries the id the error summary links to. */}
              <input
                type="radio"
                id={i === 0 ? "emailFrequency" : undefined}
                name="emailFrequency"
                value={frequency}
                defaultChecked={values.emailFrequency === frequency}
                className="size-4"
              />
              {t(`frequency_${frequency}`)}
            </label>
          ))}
        </div>
        <FieldError id="emailFrequency" errors={fieldErrors.emailFrequency} />
      </fieldset>
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
