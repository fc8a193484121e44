"use client";

import { useTranslations } from "next-intl";
import { requestMagicLinkAction } from "@/lib/auth/actions";
import { ErrorSummary } from "./forms/error-summary";
import { TextField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

/** "Email me a sign-in link": on success the action sends the browser to the "check your email" page. */
export function MagicLinkForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(
    requestMagicLinkAction,
    () => import("@/lib/auth/schema").then((m) => m.magicLinkSchema),
  );
  const values = rejectedValues ?? { email: "" };
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ email: t("email") }}
      />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        id="email"
        name="email"
        type="email"
        label={t("email")}
        autoComplete="email"
        defaultValue={values.email}
        errors={fieldErrors.email}
      />
      <SubmitButton pendingLabel={t("sendingResetLink")}>{t("sendSignInLink")}</SubmitButton>
    </form>
  );
}
