"use client";

import { useTranslations } from "next-intl";
import type { StoryFormState } from "@/lib/stories/actions";
import type { FieldErrors } from "@/lib/validation/form-state";
import {
  BODY_MIN,
  STORY_FIELDS,
  SUMMARY_MAX,
  storyContentFrom,
  type StoryFormValues,
} from "@/lib/stories/schema";
import { LANGUAGES, ORGANISATION_TYPES } from "@/lib/constants/vocabulary";
import { ErrorSummary } from "./forms/error-summary";
import { FieldError, FieldHint, SelectField, TextAreaField, TextField, describedBy } from "./forms/fields";
import { SubmitButton } from "./forms/submit-button";
import { useFormAction } from "./forms/use-form-action";
import { MarkdownEditor } from "./markdown-editor";
import { startingPointColor } from "@/lib/starting-points/color";
import { SuggestedStartingPoints } from "./suggested-starting-points";
import type { SuggestionView } from "@/lib/model/suggest";

export type StartingPointOption = { slug: string; name: string; position: number };

const EMPTY: StoryFormValues = { ...storyContentFrom(() => ""), startingPoints: [] };

export function StoryForm({
  action,
  startingPoints,
  initial,
  story,
  defaultLanguage,
  needsApproval = false,
  idempotencyKey,
  suggestions = null,
  initialErrors,
}: {
  action: (state: StoryFormState, formData: FormData) => Promise<StoryFormState>;
  startingPoints: StartingPointOption[];
  initial?: StoryFormValues;
  /**
   * Present when editing: the story's id, address, version, whether it is already published,
   * and whether the editor is someone other than its author (staff), who cannot make it a draft.
   */
  story?: { id: string; slug: string; version: number; published: boolean; byStaff?: boolean };
  defaultLanguage: string;
  /** The author's stories still wait for a moderator's approval before they are published. */
  needsApproval?: boolean;
  /** New stories: one key per form render, so submitting twice creates one story. */
  idempotencyKey?: string;
  /** Suggested starting points for the text the form opens with (editing); null when there is no text yet. */
  suggestions?: SuggestionView[] | null;
  /** What stands between a draft and publishing it, shown when the form opens. */
  initialErrors?: { fieldErrors: FieldErrors; formError?: string };
}) {
  const t = useTranslations("storyForm");
  const tTypes = useTranslations("organisationTypes");
  const tLanguages = useTranslations("languages");
  const { formAction, formRef, onSubmit, attempt, fieldErrors, formError, rejectedValues } = useFormAction(
    action,
    () => import("@/lib/stories/schema").then((m) => m.storyFormSchema),
    {
      arrayFields: ["startingPoints"],
      // The page judged the draft by the publishing rules: typing checks it by the same ones.
      ...(initialErrors && initial
        ? {
            initialState: { ok: false, ...initialErrors, values: initial } as StoryFormState,
            initialSubmitter: { name: "intent", value: "publish" },
          }
        : {}),
    },
  );

  const values = rejectedValues ?? initial ?? { ...EMPTY, language: defaultLanguage };

  const labels: Record<string, string> = Object.fromEntries(STORY_FIELDS.map((field) => [field, t(field)]));

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-6">
      <ErrorSummary key={attempt} fieldErrors={fieldErrors} formError={formError} labels={labels} />
      {story && rejectedValues?.conflict ? (
        <div className="space-y-2 rounded border border-amber-500 bg-amber-50 p-4 text-amber-950">
          <p>{t("conflictHelp")}</p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <a
                href={`/stories/${story.slug}`}
                target="_blank"
                rel="noopener"
                className="text-amber-950 underline"
              >
                {t("conflictOpenCurrent")}
              </a>
            </li>
            {/* Published stories keep their versions: the diff shows exactly what the other save changed. */}
            {story.published ? (
              <li>
                <a
                  href={`/stories/${story.slug}/history/${story.version}?compare=current`}
                  target="_blank"
                  rel="noopener"
                  className="text-amber-950 underline"
                >
                  {t("conflictSeeChanges")}
                </a>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
      {story ? (
        <>
          <input type="hidden" name="storyId" value={story.id} />
          {/* After a refused save, the version the person was told about (see StoryFormState). */}
          <input type="hidden" name="version" value={rejectedValues?.version || story.version} />
        </>
      ) : null}
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}

      <TextField
        id="title"
        name="title"
        label={t("title")}
        defaultValue={values.title}
        errors={fieldErrors.title}
      />
      <TextField
        id="organisation"
        name="organisation"
        label={t("organisation")}
        hint={t("organisationHint")}
        defaultValue={values.organisation}
        errors={fieldErrors.organisation}
      />
      <div className="grid gap-6 sm:grid-cols-2">
        {/* Keyed by the value: React applies a select's defaultValue only when it mounts, and resets
            the form after a refused save, so without a remount the choice would jump back. */}
        <SelectField
          key={`organisationType-${values.organisationType}`}
          id="organisationType"
          name="organisationType"
          label={t("organisationType")}
          placeholder={t("chooseType")}
          options={ORGANISATION_TYPES.map((value) => ({ value, label: tTypes(value) }))}
          defaultValue={values.organisationType}
          errors={fieldErrors.organisationType}
        />
        <SelectField
          key={`language-${values.language}`}
          id="language"
          name="language"
          label={t("language")}
          options={LANGUAGES.map((value) => ({ value, label: tLanguages(value) }))}
          defaultValue={values.language}
          errors={fieldErrors.language}
        />
      </div>
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
        hint={t("bodyHint", { min: BODY_MIN })}
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
      <TextField
        id="tools"
        name="tools"
        label={t("tools")}
        optionalLabel={t("optional")}
        hint={t("toolsHint")}
        defaultValue={values.tools}
        errors={fieldErrors.tools}
      />

      {/* Keyed by what the server answered, so an answer to "Suggest starting points" replaces the list. */}
      <SuggestedStartingPoints
        key={
          rejectedValues?.suggestions
            ? rejectedValues.suggestions.map((sp) => `${sp.slug}:${sp.confidence}`).join()
            : "initial"
        }
        initial={rejectedValues?.suggestions ?? suggestions}
      />

      <fieldset
        id="startingPoints"
        tabIndex={-1}
        aria-describedby={describedBy("startingPoints", true, fieldErrors.startingPoints)}
        aria-invalid={fieldErrors.startingPoints?.length ? true : undefined}
      >
        <legend className="font-medium text-stone-900">{t("startingPoints")}</legend>
        <FieldHint id="startingPoints">{t("startingPointsHint")}</FieldHint>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {startingPoints.map((sp) => (
            <label
              key={sp.slug}
              className="flex items-start gap-2 rounded border border-stone-300 bg-white p-3"
            >
              <input
                type="checkbox"
                name="startingPoints"
                value={sp.slug}
                defaultChecked={values.startingPoints.includes(sp.slug)}
                className="mt-1 size-4"
                style={{ accentColor: startingPointColor(sp.position) }}
              />
              <span>{sp.name}</span>
            </label>
          ))}
        </div>
        <FieldError id="startingPoints" errors={fieldErrors.startingPoints} />
      </fieldset>

      {needsApproval && !story?.published ? (
        <p className="text-sm text-stone-700">{t("approvalHint")}</p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="publish" pendingLabel={t("saving")}>
          {story?.published ? t("saveChanges") : needsApproval ? t("submitForApproval") : t("publish")}
        </SubmitButton>
        {story?.byStaff ? null : (
          <SubmitButton name="intent" value="draft" pendingLabel={t("saving")} variant="secondary">
            {t("saveDraft")}
          </SubmitButton>
        )}
      </div>
    </form>
  );
}
