"use client";

import { useTranslations } from "next-intl";
import { requestPasswordResetAction, resetPasswordAction } from "@/lib/auth/reset-actions";
import { PASSWORD_MIN } from "@/lib/auth/schema";
import { ErrorSummary } from "./forms/error-summary";
import { TextField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

/** "Forgot your password?": after sending, the same confirmation for every address. */
export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const { state, formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } =
    useFormAction(requestPasswordResetAction, () =>
      import("@/lib/auth/schema").then((m) => m.forgotPasswordSchema),
    );
  const values = rejectedValues ?? { email: "" };

  if (state?.ok) {
    return (
      <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
        {state.message}
      </p>
    );
  }
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ email: t("email") }}
      />
      <TextField
        id="email"
        name="email"
        type="email"
        label={t("email")}
        autoComplete="email"
        defaultValue={values.email}
        errors={fieldErrors.email}
      />
      <SubmitButton pendingLabel={t("sendingResetLink")}>{t("sendResetLink")}</SubmitButton>
    </form>
  );
}

/** The new password, from a reset link; the rules are sign-up's. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError } = useFormAction(
    resetPasswordAction,
    () => import("@/lib/auth/schema").then((m) => m.resetPasswordSchema),
  );

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ password: t("newPassword") }}
      />
      <input type="hidden" name="token" value={token} />
      <TextField
        id="password"
        name="password"
        type="password"
        label={t("newPassword")}
        hint={t("passwordHint", { min: PASSWORD_MIN })}
        autoComplete="new-password"
        errors={fieldErrors.password}
      />
      <SubmitButton pendingLabel={t("savingPassword")}>{t("savePassword")}</SubmitButton>
    </form>
  );
}
