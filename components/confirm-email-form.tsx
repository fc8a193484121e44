"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { confirmEmailAction } from "@/lib/auth/email-actions";
import { ErrorSummary } from "./forms/error-summary";
import { SubmitButton } from "./forms/submit-button";

/** One button: opening the page does not use the link, pressing this does. */
export function ConfirmEmailForm({ token, label }: { token: string; label: string }) {
  const t = useTranslations("verifyEmail");
  const [state, formAction] = useActionState(confirmEmailAction, null);
  return (
    <form action={formAction} className="space-y-5">
      <ErrorSummary fieldErrors={{}} formError={state && !state.ok ? state.formError : undefined} labels={{}} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel={t("confirming")}>{label}</SubmitButton>
    </form>
  );
}
