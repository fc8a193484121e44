"use server";

import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { canEditStory, canSeeHistory, canWritePublicly } from "@/lib/auth/permissions";
import { currentUser, requireUser } from "@/lib/auth/session";
import { renderMarkdown } from "@/lib/markdown/render";
import { getMemberRole } from "@/lib/members/queries";
import { findTarget } from "@/lib/moderation/targets";
import { needsApproval } from "@/lib/admin/settings";
import { recordStaffAction } from "@/lib/moderation/audit";
import { memberOverLimit } from "@/lib/rate-limit/guard";
import { readIdempotencyKey } from "@/lib/idempotency";
import { formText, formValues } from "@/lib/validation/form-data";
import { validationErrorMap } from "@/lib/validation/error-map";
import {
  fieldError,
  formError,
  invalid,
  refuse,
  showAgain,
  type FormState,
} from "@/lib/validation/form-state";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import { getReaderLocale } from "@/lib/i18n/server";
import { storyFormValues } from "./form-values";
import { createStory, deleteStory, restoreRevision, UnknownStartingPointError, updateStory } from "./writes";
import { currentStoryVersion, getStoryAccess, getStoryBySlug } from "./story";
import {
  BODY_MAX,
  restoreRevisionSchema,
  storyContentFrom,
  storySchema,
  storySchemaFor,
  type StoryFormValues,
  type StoryIntent,
} from "./schema";
import { storiesChanged, storyChanged } from "@/lib/cache/tags";
import { recordSuggestion, suggestStartingPoints, type SuggestionView } from "@/lib/model/suggest";
import { suggestionRequestSchema } from "@/lib/model/suggestion-schema";
import { setFlash } from "@/lib/feedback/flash";

export type StoryFormState = FormState<
  StoryFormValues & {
    /** Edits: the version the form's next save is based on (sent back with every refusal). */
    version?: string;
    /**
     * The save was refused because someone saved in between. `version` is then the version the
     * person has now been told about: once they have merged the other changes into their text,
     * saving again goes through, and a further save by someone else is refused again.
     */
    conflict?: boolean;
    /** The answer to "Suggest starting points" (the form without JavaScript), shown with everything typed. */
    suggestions?: SuggestionView[];
  }
>;

/** "Suggest starting points" submits the whole form: answer with suggestions, save nothing. */
async function suggestionsFor<V extends StoryFormValues>(values: V): Promise<StoryFormState> {
  const input = suggestionRequestSchema.parse(values);
  return showAgain({ ...values, suggestions: await suggestStartingPoints(input, await getReaderLocale()) });
}

function readStoryForm(formData: FormData): { values: StoryFormValues; intent: StoryIntent } {
  const raw = formValues(formData, ["startingPoints"]);
  const str = (name: keyof StoryFormValues) => (typeof raw[name] === "string" ? (raw[name] as string) : "");
  return {
    values: { ...storyContentFrom(str), startingPoints: raw.startingPoints as string[] },
    intent: raw.intent === "draft" ? "draft" : "publish",
  };
}

export async function createStoryAction(state: StoryFormState, formData: FormData): Promise<StoryFormState> {
  return keepInputWhenUnavailable(createStorySubmission, state, formData, ["startingPoints"]);
}

async function createStorySubmission(_prev: StoryFormState, formData: FormData): Promise<StoryFormState> {
  const user = await requireUser("/stories/new");
  const t = await getTranslations();
  const { values, intent } = readStoryForm(formData);
  if (formText(formData, "intent") === "suggest") return suggestionsFor(values);
  const parsed = storySchemaFor(intent).safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);
  // Until the address is confirmed the story waits as a draft; the text stays in the form.
  if (intent === "publish" && !canWritePublicly(user))
    return formError(t("stories.confirmEmailToPublish"), values);
  const limited = await memberOverLimit("storyPerMember", user.id);
  if (limited) return formError(limited, values);

  let slug: string;
  let publishAs: "pending" | "published";
  try {
    publishAs = (await needsApproval(user)) ? "pending" : "published";
    let id: string;
    ({ id, slug } = await createStory({
      authorId: user.id,
      input: parsed.data,
      intent,
      publishAs,
      idempotencyKey: readIdempotencyKey(formData),
    }));
    // Before the caches are dropped: the model that answers is the one the author saw.
    if (intent === "publish")
      await recordSuggestion({ storyId: id, input: parsed.data, chosen: parsed.data.startingPoints });
  } catch (error) {
    if (error instanceof UnknownStartingPointError) {
      return fieldError("startingPoints", t("stories.unknownStartingPoint"), values);
    }
    throw error;
  }
  await storiesChanged();
  await setFlash(intent === "draft" ? "draftSaved" : publishAs === "pending" ? "submitted" : "published");
  redirect(`/stories/${slug}`);
}

export async function updateStoryAction(state: StoryFormState, formData: FormData): Promise<StoryFormState> {
  return keepInputWhenUnavailable(updateStorySubmission, state, formData, ["startingPoints"]);
}

async function updateStorySubmission(_prev: StoryFormState, formData: FormData): Promise<StoryFormState> {
  const storyId = formText(formData, "storyId");
  const expectedVersion = Number(formText(formData, "version"));
  const t = await getTranslations();
  const read = readStoryForm(formData);
  const intent = read.intent;
  const values = { ...read.values, version: formText(formData, "version") };

  // Permission first: someone who may not edit learns nothing from validation messages.
  const notAllowed = formError(t("stories.notAllowed"), values);
  const user = await requireUser(() => refuse(notAllowed));
  const story = await getStoryAccess(storyId);
  // Only its author takes a story back to draft: staff who may edit it save it as it stands.
  if (!story || !canEditStory(user, story) || (intent === "draft" && user.id !== story.authorId))
    return notAllowed;
  if (formText(formData, "intent") === "suggest") return suggestionsFor(values);

  const parsed = storySchemaFor(intent).safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);
  if (intent === "publish" && !canWritePublicly(user))
    return formError(t("stories.confirmEmailToPublish"), values);

  try {
    // The author's approval rule applies, also when a moderator edits the story.
    const author = story.authorId ? await getMemberRole(story.authorId) : null;
    const publishAs = author && (await needsApproval(author)) ? "pending" : "published";
    const result = await updateStory({
      storyId,
      expectedVersion,
      input: parsed.data,
      intent,
      publishAs,
      editorId: user.id,
    });
    if (!result.ok && result.reason === "conflict") {
      const current = await currentStoryVersion(storyId);
      return formError(t("stories.conflict"), {
        ...values,
        version: String(current ?? expectedVersion),
        conflict: true,
      });
    }
    if (!result.ok) return formError(t("stories.notFound"), values);
    // A draft published now is recorded like a new story; a story recorded before keeps its record.
    if (intent === "publish")
      await recordSuggestion({ storyId, input: parsed.data, chosen: parsed.data.startingPoints });
    await storyChanged(storyId);
    if (user.id !== story.authorId) {
      await recordStaffAction({
        actorId: user.id,
        action: "edit",
        target: { type: "story", id: story.id, userId: story.authorId, label: parsed.data.title },
        before: { version: expectedVersion },
        after: { version: expectedVersion + 1 },
      });
    }
    await setFlash(
      intent === "draft"
        ? "draftSaved"
        : story.status === "published"
          ? "changesSaved"
          : publishAs === "pending"
            ? "submitted"
            : "published",
    );
    redirect(`/stories/${result.slug}`);
  } catch (error) {
    if (error instanceof UnknownStartingPointError) {
      return fieldError("startingPoints", t("stories.unknownStartingPoint"), values);
    }
    throw error;
  }
}

export type RestoreRevisionState = FormState<Record<string, string>>;

/**
 * "Publish" on a draft's own page. A complete draft is published as it is; one that still
 * misses something (or an author who must confirm their address first) goes to the edit form,
 * which says what is missing (`?publish=1`).
 */
export async function publishDraftAction(formData: FormData): Promise<void> {
  const slug = formText(formData, "slug");
  const user = await requireUser(`/stories/${slug}`);
  const story = await getStoryBySlug(slug, await getReaderLocale());
  if (!story || !canEditStory(user, story) || story.status !== "draft")
    redirect(`/stories/${encodeURIComponent(slug)}`);
  const parsed = storySchema.safeParse(storyFormValues(story));
  const checkFirst = `/stories/${story.slug}/edit?publish=1`;
  if (!parsed.success || !canWritePublicly(user)) redirect(checkFirst);
  const author = story.authorId ? await getMemberRole(story.authorId) : null;
  const publishAs = author && (await needsApproval(author)) ? "pending" : "published";
  const result = await updateStory({
    storyId: story.id,
    expectedVersion: story.version,
    input: parsed.data,
    intent: "publish",
    publishAs,
    editorId: user.id,
  });
  if (!result.ok) redirect(checkFirst);
  await storyChanged(story.id);
  await setFlash(publishAs === "pending" ? "submitted" : "published");
  redirect(`/stories/${result.slug}`);
}

export async function restoreRevisionAction(
  state: RestoreRevisionState,
  formData: FormData,
): Promise<RestoreRevisionState> {
  return keepInputWhenUnavailable(restoreRevisionSubmission, state, formData);
}

async function restoreRevisionSubmission(
  _prev: RestoreRevisionState,
  formData: FormData,
): Promise<RestoreRevisionState> {
  const t = await getTranslations();
  const refused = (key: string) => formError<Record<string, string>>(t(key), {});
  const user = await requireUser(() => refuse(refused("stories.notAllowed")));
  const parsed = restoreRevisionSchema.safeParse({
    storyId: formText(formData, "storyId"),
    version: formText(formData, "version"),
    expectedVersion: formText(formData, "expectedVersion"),
  });
  const story = parsed.success ? await getStoryAccess(parsed.data.storyId) : null;
  if (!story || !parsed.success || !canSeeHistory(user, story)) return refused("stories.notAllowed");
  // An old version made current again is public text, unless the story is a draft.
  if (story.status !== "draft" && !canWritePublicly(user)) return refused("verifyEmail.confirmFirst");

  let slug: string;
  try {
    const result = await restoreRevision({ ...parsed.data, editorId: user.id });
    if (!result.ok)
      return refused(result.reason === "conflict" ? "revisions.restoreConflict" : "revisions.notFound");
    slug = result.slug;
    await storyChanged(story.id);
    if (user.id !== story.authorId) {
      await recordStaffAction({
        actorId: user.id,
        action: "edit",
        target: { type: "story", id: story.id, userId: story.authorId, label: result.title },
        before: { version: parsed.data.expectedVersion },
        after: { version: parsed.data.expectedVersion + 1, restoredVersion: parsed.data.version },
      });
    }
  } catch (error) {
    // The old version names a starting point that has since been merged away.
    if (error instanceof UnknownStartingPointError) return refused("revisions.unknownStartingPoint");
    throw error;
  }
  redirect(`/stories/${slug}`);
}

export async function deleteStoryAction(formData: FormData): Promise<void> {
  const user = await requireUser(forbidden);
  const story = await getStoryAccess(formText(formData, "storyId"));
  if (!story || !canEditStory(user, story)) {
    forbidden();
  }
  if (user.id !== story.authorId) {
    const target = await findTarget("story", story.id);
    if (target)
      await recordStaffAction({
        actorId: user.id,
        action: "delete",
        target,
        before: { state: target.state },
        after: { state: "deleted" },
      });
  }
  await deleteStory(story.id);
  await storyChanged(story.id);
  redirect(`/members/${user.handle}`);
}

/** Renders Markdown exactly as the story page will, for the form's Preview tab. */
export async function previewMarkdownAction(markdown: string): Promise<string> {
  const user = await currentUser();
  if (!user || typeof markdown !== "string") return "";
  return renderMarkdown(markdown.slice(0, BODY_MAX));
}
