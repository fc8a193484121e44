"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { moderateAction } from "@/lib/moderation/actions";
import { MODERATION_REASON_MAX, SUSPENSION_PERIODS, type ModerationDecision } from "@/lib/moderation/schema";
import { ErrorSummary } from "./forms/error-summary";
import { SelectField, TextAreaField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

/** A moderator's decision on one queue item: the decisions that apply to it, a reason, a period. */
export function ModerationDecisionForm({
  targetType,
  targetId,
  decisions,
}: {
  targetType: string;
  targetId: string;
  decisions: ModerationDecision[];
}) {
  const t = useTranslations("moderation");
  // Success redirects back to the queue; only a rejection comes back here.
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(
    moderateAction,
    () => import("@/lib/moderation/schema").then((m) => m.moderationDecisionSchema),
  );
  const values = rejectedValues ?? { decision: decisions[0], reason: "", period: "7" };
  const [decision, setDecision] = useState(values.decision);
  const prefix = `decide-${targetType}-${targetId}-`;

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-3 rounded border border-stone-200 bg-stone-50 p-4"
    >
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ decision: t("decisionLegend"), reason: t("reasonLabel"), period: t("periodLabel") }}
        idPrefix={prefix}
      />
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <fieldset>
        <legend className="font-medium">{t("decisionLegend")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
          {decisions.map((value, i) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                id={i === 0 ? `${prefix}decision` : undefined}
                name="decision"
                value={value}
                checked={decision === value}
                onChange={() => setDecision(value)}
                className="size-4"
              />
              {t(`decision_${value}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        id={`${prefix}reason`}
        name="reason"
        rows={2}
        label={t("reasonLabel")}
        hint={t("reasonHint", { max: MODERATION_REASON_MAX })}
        defaultValue={values.reason}
        errors={fieldErrors.reason}
      />
      {/* Kept in the form when hidden, so a choice survives switching decisions. */}
      <div hidden={decision !== "suspend"}>
        <SelectField
          id={`${prefix}period`}
          name="period"
          label={t("periodLabel")}
          defaultValue={values.period || "7"}
          options={SUSPENSION_PERIODS.map((value) => ({ value, label: t(`period_${value}`) }))}
          errors={fieldErrors.period}
        />
      </div>
      <SubmitButton pendingLabel={t("carryingOut")}>{t("carryOut")}</SubmitButton>
    </form>
  );
}
