"use client";

import { useTranslations } from "next-intl";
import type { TranslationFormState } from "@/lib/stories/translation-actions";
import { SUMMARY_MAX } from "@/lib/stories/schema";
import type { TranslationFormValues } from "@/lib/stories/translation-schema";
import { ErrorSummary } from "./forms/error-summary";
import { TextAreaField, TextField } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";
import { MarkdownEditor } from "./markdown-editor";

/** The author's translation of their story: the four fields that carry words (decision 030). */
export function TranslationForm({
  action,
  story,
  initial,
}: {
  action: (state: TranslationFormState, formData: FormData) => Promise<TranslationFormState>;
  /** The story, the language of the translation, and its version (0 when there is none yet). */
  story: { id: string; slug: string; language: string; version: number };
  initial: TranslationFormValues;
}) {
  const t = useTranslations("storyForm");
  const tt = useTranslations("translations");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(
    action,
    () => import("@/lib/stories/translation-schema").then((m) => m.translationSchema),
  );
  const values = rejectedValues ?? initial;
  const labels: Record<string, string> = {
    title: t("title"),
    summary: t("summary"),
    body: t("body"),
    trigger: t("trigger"),
  };

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-6">
      <ErrorSummary key={attempt} fieldErrors={fieldErrors} formError={formError} labels={labels} />
      {rejectedValues?.conflict ? (
        <p className="rounded border border-amber-500 bg-amber-50 p-4 text-amber-950">
          {tt("conflictHelp")}{" "}
          <a
            href={`/stories/${story.slug}?lang=${story.language}`}
            target="_blank"
            rel="noopener"
            className="text-amber-950 underline"
          >
            {tt("conflictOpenCurrent")}
          </a>
        </p>
      ) : null}
      <input type="hidden" name="storyId" value={story.id} />
      <input type="hidden" name="language" value={story.language} />
      {/* After a refused save, the version the person was told about. */}
      <input type="hidden" name="version" value={rejectedValues?.version || story.version} />
      <TextField
        id="title"
        name="title"
        label={t("title")}
        defaultValue={values.title}
        errors={fieldErrors.title}
      />
      <TextAreaField
        id="summary"
        name="summary"
        rows={2}
        label={t("summary")}
        optionalLabel={t("optional")}
        hint={t("summaryHint", { max: SUMMARY_MAX })}
        defaultValue={values.summary}
        errors={fieldErrors.summary}
      />
      <MarkdownEditor
        id="body"
        name="body"
        label={t("body")}
        hint={t("bodyHint")}
        defaultValue={values.body}
        errors={fieldErrors.body}
      />
      <TextAreaField
        id="trigger"
        name="trigger"
        rows={2}
        label={t("trigger")}
        optionalLabel={t("optional")}
        hint={t("triggerHint")}
        defaultValue={values.trigger}
        errors={fieldErrors.trigger}
      />
      <SubmitButton pendingLabel={t("saving")}>{tt("save")}</SubmitButton>
    </form>
  );
}
