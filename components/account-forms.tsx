"use client";

import { useTranslations } from "next-intl";
import { PASSWORD_MIN } from "@/lib/auth/schema";
import {
  changePasswordAction,
  deleteAccountAction,
  requestEmailChangeAction,
  updateProfileAction,
} from "@/lib/members/actions";
import { BIO_MAX, type ProfileValues } from "@/lib/members/schema";
import { ErrorSummary } from "./forms/error-summary";
import { describedBy, FieldError, TextAreaField, TextField } from "./forms/fields";
import { PendingButton } from "./forms/pending-button";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";

/*
 * The forms of /settings/profile and /settings/account. Each has its own id prefix, since the
 * account page holds three "Current password" fields.
 */

function Saved({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
      {message}
    </p>
  );
}

export function ProfileForm({ profile }: { profile: ProfileValues }) {
  const t = useTranslations("settings");
  const { state, formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } =
    useFormAction(updateProfileAction, () => import("@/lib/members/schema").then((m) => m.profileSchema));
  const values = rejectedValues ?? profile;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ name: t("name"), organisation: t("organisation"), bio: t("bio"), website: t("website") }}
      />
      {state?.ok ? <Saved message={state.message} /> : null}
      <TextField
        id="name"
        name="name"
        label={t("name")}
        hint={t("nameHint")}
        autoComplete="name"
        defaultValue={values.name}
        errors={fieldErrors.name}
      />
      <TextField
        id="organisation"
        name="organisation"
        label={t("organisation")}
        optionalLabel={t("optional")}
        autoComplete="organization"
        defaultValue={values.organisation}
        errors={fieldErrors.organisation}
      />
      <TextAreaField
        id="bio"
        name="bio"
        label={t("bio")}
        optionalLabel={t("optional")}
        hint={t("bioHint", { max: BIO_MAX })}
        rows={5}
        defaultValue={values.bio}
        errors={fieldErrors.bio}
      />
      <TextField
        id="website"
        name="website"
        label={t("website")}
        optionalLabel={t("optional")}
        hint={t("websiteHint")}
        autoComplete="url"
        defaultValue={values.website}
        errors={fieldErrors.website}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("saveProfile")}</SubmitButton>
    </form>
  );
}

export function ChangeEmailForm() {
  const t = useTranslations("settings");
  const { state, formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } =
    useFormAction(requestEmailChangeAction, () =>
      import("@/lib/auth/schema").then((m) => m.changeEmailSchema),
    );
  const values = rejectedValues ?? { email: "" };
  const prefix = "email-";
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        idPrefix={prefix}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ email: t("newEmail"), currentPassword: t("currentPassword") }}
      />
      {state?.ok ? <Saved message={state.message} /> : null}
      <TextField
        id={`${prefix}email`}
        name="email"
        type="email"
        label={t("newEmail")}
        autoComplete="email"
        defaultValue={values.email}
        errors={fieldErrors.email}
      />
      <TextField
        id={`${prefix}currentPassword`}
        name="currentPassword"
        type="password"
        label={t("currentPassword")}
        autoComplete="current-password"
        errors={fieldErrors.currentPassword}
      />
      <SubmitButton pendingLabel={t("sending")}>{t("sendEmailLink")}</SubmitButton>
    </form>
  );
}

export function ChangePasswordForm() {
  const t = useTranslations("settings");
  const tAuth = useTranslations("auth");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError } = useFormAction(
    changePasswordAction,
    () => import("@/lib/auth/schema").then((m) => m.changePasswordSchema),
  );
  const prefix = "password-";
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        idPrefix={prefix}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ currentPassword: t("currentPassword"), newPassword: tAuth("newPassword") }}
      />
      <TextField
        id={`${prefix}currentPassword`}
        name="currentPassword"
        type="password"
        label={t("currentPassword")}
        autoComplete="current-password"
        errors={fieldErrors.currentPassword}
      />
      <TextField
        id={`${prefix}newPassword`}
        name="newPassword"
        type="password"
        label={tAuth("newPassword")}
        hint={tAuth("passwordHint", { min: PASSWORD_MIN })}
        autoComplete="new-password"
        errors={fieldErrors.newPassword}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("changePassword")}</SubmitButton>
    </form>
  );
}

export function DeleteAccountForm() {
  const t = useTranslations("settings");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(
    deleteAccountAction,
    () => import("@/lib/auth/schema").then((m) => m.deleteAccountSchema),
  );
  const content = rejectedValues?.content ?? "";
  const prefix = "delete-";
  const contentId = `${prefix}content`;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      <ErrorSummary
        key={attempt}
        idPrefix={prefix}
        fieldErrors={fieldErrors}
        formError={formError}
        labels={{ content: t("deleteContent"), currentPassword: t("currentPassword") }}
      />
      <fieldset
        id={contentId}
        tabIndex={-1}
        aria-invalid={fieldErrors.content?.length ? true : undefined}
        aria-describedby={describedBy(contentId, true, fieldErrors.content)}
        className="space-y-2"
      >
        <legend className="font-medium text-stone-900">{t("deleteContent")}</legend>
        <p id={`${contentId}-hint`} className="text-sm text-stone-600">
          {t("deleteContentHint")}
        </p>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="content"
            value="keep"
            defaultChecked={content === "keep"}
            className="mt-1"
          />
          <span>{t("deleteKeep")}</span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="content"
            value="delete"
            defaultChecked={content === "delete"}
            className="mt-1"
          />
          <span>{t("deleteRemove")}</span>
        </label>
        <FieldError id={contentId} errors={fieldErrors.content} />
      </fieldset>
      <TextField
        id={`${prefix}currentPassword`}
        name="currentPassword"
        type="password"
        label={t("currentPassword")}
        hint={t("deletePasswordHint")}
        autoComplete="current-password"
        errors={fieldErrors.currentPassword}
      />
      <PendingButton className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800">
        {t("deleteAccount")}
      </PendingButton>
    </form>
  );
}
