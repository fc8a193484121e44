"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { canEditStory } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { renderMarkdown } from "@/lib/markdown/render";
import { getMemberRole } from "@/lib/members/queries";
import { findTarget, needsApproval, recordStaffAction } from "@/lib/moderation/queries";
import { memberOverLimit } from "@/lib/rate-limit/guard";
import { readIdempotencyKey } from "@/lib/idempotency";
import { formText, formValues } from "@/lib/validation/form-data";
import { validationErrorMap, type FormState } from "@/lib/validation/error-map";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import { createStory, deleteStory, getStoryAccess, UnknownStartingPointError, updateStory } from "./queries";
import { BODY_MAX, storySchema, type StoryFormValues, type StoryIntent } from "./schema";

export type StoryFormState = FormState<StoryFormValues>;

function readStoryForm(formData: FormData): { values: StoryFormValues; intent: StoryIntent } {
  const raw = formValues(formData, ["startingPoints"]);
  const str = (name: keyof StoryFormValues) => (typeof raw[name] === "string" ? (raw[name] as string) : "");
  return {
    values: {
      title: str("title"),
      organisation: str("organisation"),
      organisationType: str("organisationType"),
      summary: str("summary"),
      body: str("body"),
      trigger: str("trigger"),
      tools: str("tools"),
      language: str("language"),
      startingPoints: raw.startingPoints as string[],
    },
    intent: raw.intent === "draft" ? "draft" : "publish",
  };
}

export async function createStoryAction(state: StoryFormState, formData: FormData): Promise<StoryFormState> {
  return keepInputWhenUnavailable(createStorySubmission, state, formData, ["startingPoints"]);
}

async function createStorySubmission(_prev: StoryFormState, formData: FormData): Promise<StoryFormState> {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fstories%2Fnew");
  const t = await getTranslations();
  const { values, intent } = readStoryForm(formData);
  const parsed = storySchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const limited = await memberOverLimit("storyPerMember", user.id);
  if (limited) return { ok: false, fieldErrors: {}, formError: limited, values };

  let slug: string;
  try {
    const publishAs = (await needsApproval(user)) ? "pending" : "published";
    ({ slug } = await createStory({ authorId: user.id, input: parsed.data, intent, publishAs, idempotencyKey: readIdempotencyKey(formData) }));
  } catch (error) {
    if (error instanceof UnknownStartingPointError) {
      return { ok: false, fieldErrors: { startingPoints: [t("stories.unknownStartingPoint")] }, values };
    }
    throw error;
  }
  redirect(`/stories/${slug}`);
}

export async function updateStoryAction(state: StoryFormState, formData: FormData): Promise<StoryFormState> {
  return keepInputWhenUnavailable(updateStorySubmission, state, formData, ["startingPoints"]);
}

async function updateStorySubmission(_prev: StoryFormState, formData: FormData): Promise<StoryFormState> {
  const storyId = formText(formData, "storyId");
  const expectedVersion = Number(formData.get("version"));
  const user = await currentUser();
  const t = await getTranslations();
  const { values, intent } = readStoryForm(formData);

  // Permission first: someone who may not edit learns nothing from validation messages.
  const story = await getStoryAccess(storyId);
  if (!user || !story || !canEditStory(user, story)) {
    return { ok: false, fieldErrors: {}, formError: t("stories.notAllowed"), values };
  }

  const parsed = storySchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };

  try {
    // The author's approval rule applies, also when a moderator edits the story.
    const author = story.authorId ? await getMemberRole(story.authorId) : null;
    const publishAs = author && (await needsApproval(author)) ? "pending" : "published";
    const result = await updateStory({ storyId, expectedVersion, input: parsed.data, intent, publishAs });
    if (!result.ok) {
      return { ok: false, fieldErrors: {}, formError: t(result.reason === "conflict" ? "stories.conflict" : "stories.notFound"), values };
    }
    if (user.id !== story.authorId) {
      await recordStaffAction({
        actorId: user.id,
        action: "edit",
        target: { type: "story", id: story.id, userId: story.authorId, label: parsed.data.title },
        before: { version: expectedVersion },
        after: { version: expectedVersion + 1 },
      });
    }
    redirect(`/stories/${result.slug}`);
  } catch (error) {
    if (error instanceof UnknownStartingPointError) {
      return { ok: false, fieldErrors: { startingPoints: [t("stories.unknownStartingPoint")] }, values };
    }
    throw error;
  }
}

export async function deleteStoryAction(formData: FormData): Promise<void> {
  const user = await currentUser();
  const story = await getStoryAccess(formText(formData, "storyId"));
  if (!user || !story || !canEditStory(user, story)) {
    const t = await getTranslations();
    throw new Error(t("stories.notAllowed"));
  }
  if (user.id !== story.authorId) {
    const target = await findTarget("story", story.id);
    if (target) await recordStaffAction({ actorId: user.id, action: "delete", target, before: { state: target.state }, after: { state: "deleted" } });
  }
  await deleteStory(story.id);
  redirect(`/members/${user.handle}`);
}

/** Renders Markdown exactly as the story page will, for the form's Preview tab. */
export async function previewMarkdownAction(markdown: string): Promise<string> {
  const user = await currentUser();
  if (!user || typeof markdown !== "string") return "";
  return renderMarkdown(markdown.slice(0, BODY_MAX));
}
