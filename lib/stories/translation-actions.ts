"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { canEditStory, canWritePublicly } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { storyChanged } from "@/lib/cache/tags";
import { recordStaffAction } from "@/lib/moderation/audit";
import { validationErrorMap } from "@/lib/validation/error-map";
import { formError, invalid, refuse, type FormState } from "@/lib/validation/form-state";
import { formText } from "@/lib/validation/form-data";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import { getStoryAccess } from "./story";
import { translationSchema, type TranslationFormValues } from "./translation-schema";
import { getTranslation, saveTranslation } from "./translations";
import { LANGUAGES } from "@/lib/constants/vocabulary";

export type TranslationFormState = FormState<
  TranslationFormValues & { version?: string; conflict?: boolean }
>;

export async function saveTranslationAction(
  state: TranslationFormState,
  formData: FormData,
): Promise<TranslationFormState> {
  return keepInputWhenUnavailable(saveTranslationSubmission, state, formData);
}

async function saveTranslationSubmission(
  _prev: TranslationFormState,
  formData: FormData,
): Promise<TranslationFormState> {
  const storyId = formText(formData, "storyId");
  const language = formText(formData, "language");
  const expectedVersion = Number(formText(formData, "version") || "0");
  const values = {
    title: formText(formData, "title"),
    summary: formText(formData, "summary"),
    body: formText(formData, "body"),
    trigger: formText(formData, "trigger"),
    version: formText(formData, "version"),
  };
  const t = await getTranslations();

  // Whoever may edit the story may translate it; nobody else learns anything from the answer.
  const notAllowed = formError(t("stories.notAllowed"), values);
  const user = await requireUser(() => refuse(notAllowed));
  const story = await getStoryAccess(storyId);
  if (
    !story ||
    !canEditStory(user, story) ||
    !(LANGUAGES as readonly string[]).includes(language) ||
    !Number.isSafeInteger(expectedVersion) ||
    expectedVersion < 0
  ) {
    return notAllowed;
  }
  // A translation of a story readers see is public text; one of a draft is not.
  if (story.status !== "draft" && !canWritePublicly(user))
    return formError(t("verifyEmail.confirmFirst"), values);
  const parsed = translationSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);

  const result = await saveTranslation({
    storyId,
    language: language as (typeof LANGUAGES)[number],
    expectedVersion,
    input: parsed.data,
    editorId: user.id,
  });
  if (!result.ok) {
    if (result.reason === "conflict") {
      const current = await getTranslation(storyId, language);
      return formError(t("translations.conflict"), {
        ...values,
        version: String(current?.version ?? 0),
        conflict: true,
      });
    }
    return formError(
      t(result.reason === "same_language" ? "translations.sameLanguage" : "stories.notFound"),
      values,
    );
  }
  await storyChanged(storyId);
  if (user.id !== story.authorId) {
    await recordStaffAction({
      actorId: user.id,
      action: "edit",
      target: { type: "story", id: story.id, userId: story.authorId, label: parsed.data.title },
      before: { translation: language, version: expectedVersion },
      after: { translation: language, version: result.version },
    });
  }
  redirect(`/stories/${result.slug}?lang=${result.language}`);
}
