"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { confirmEmailAction } from "@/lib/auth/email-actions";
import { ErrorSummary } from "./forms/error-summary";
import { SubmitButton } from "./forms/submit-button";

/** One button: opening the page does not use the link, pressing this does. */
export function ConfirmEmailForm({ token, label }: { token: string; label: string }) {
  const t = useTranslations("verifyEmail");
  const [state, formAction] = useActionState(confirmEmailAction, null);
  // Each answer remounts the summary, so a second refusal takes focus again like the first.
  const [answers, setAnswers] = useState(0);
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setAnswers(answers + 1);
  }
  return (
    <form action={formAction} className="space-y-5">
      <ErrorSummary
        key={answers}
        fieldErrors={{}}
        formError={state && !state.ok ? state.formError : undefined}
        labels={{}}
      />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel={t("confirming")}>{label}</SubmitButton>
    </form>
  );
}
