"use client";

import { useTranslations } from "next-intl";
import { signInAction, signUpAction } from "@/lib/auth/actions";
import { PASSWORD_MIN } from "@/lib/auth/schema";
import { ErrorSummary } from "./forms/error-summary";
import { TextField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(
    signUpAction,
    () => import("@/lib/auth/schema").then((m) => m.signUpSchema),
  );
  const values = rejectedValues ?? { name: "", email: "" };

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ name: t("name"), email: t("email"), password: t("password") }}
      />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        id="name"
        name="name"
        label={t("name")}
        autoComplete="name"
        defaultValue={values.name}
        errors={fieldErrors.name}
      />
      <TextField
        id="email"
        name="email"
        type="email"
        label={t("email")}
        hint={t("emailHint")}
        autoComplete="email"
        defaultValue={values.email}
        errors={fieldErrors.email}
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label={t("password")}
        hint={t("passwordHint", { min: PASSWORD_MIN })}
        autoComplete="new-password"
        errors={fieldErrors.password}
      />
      <SubmitButton pendingLabel={t("creating")}>{t("createAccount")}</SubmitButton>
    </form>
  );
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(
    signInAction,
    () => import("@/lib/auth/schema").then((m) => m.signInSchema),
  );
  const values = rejectedValues ?? { email: "" };

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ email: t("email"), password: t("password") }}
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
      <TextField
        id="password"
        name="password"
        type="password"
        label={t("password")}
        autoComplete="current-password"
        errors={fieldErrors.password}
      />
      <SubmitButton pendingLabel={t("signingIn")}>{t("signIn")}</SubmitButton>
    </form>
  );
}
