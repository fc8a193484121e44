"use server";

import { revalidatePath } from "next/cache";
import { contentChanged, conversationChanged, organisationRecognitionsChanged } from "@/lib/cache/tags";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { canRecogniseStory, canSupportProposal, canWritePublicly, isModerator } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { commentSchema } from "@/lib/comments/schema";
import { memberOverLimit } from "@/lib/rate-limit/guard";
import { getStoryAccess } from "@/lib/stories/story";
import { formText, formValues } from "@/lib/validation/form-data";
import { recordStaffAction } from "@/lib/moderation/audit";
import { validationErrorMap } from "@/lib/validation/error-map";
import { fieldError, formError, invalid, ok, refuse, type FormState } from "@/lib/validation/form-state";
import { keepInputWhenUnavailable } from "@/lib/validation/unavailable";
import {
  createProposal,
  createProposalComment,
  decideProposal,
  getProposalAccess,
  setProposalSupport,
  UnknownStoriesError,
} from "./proposals";
import {
  removeOrganisationRecognition,
  saveOrganisationRecognition,
  setStoryRecognition,
  startingPointIdBySlug,
} from "./recognition";
import { decisionSchema, organisationNoteSchema, proposalSchema } from "./schema";

/** A reader marks (or unmarks) a starting point they recognise in someone else's story. */
export async function setStoryRecognitionAction(formData: FormData): Promise<void> {
  const story = await getStoryAccess(formText(formData, "storyId"));
  if (!story) return;
  const user = await requireUser(`/stories/${story.slug}`);
  const startingPointId = await startingPointIdBySlug(formText(formData, "startingPoint"));
  if (!canRecogniseStory(user, story) || startingPointId === null) return;
  // A one-click form without a message: over the limit, the click changes nothing.
  if (await memberOverLimit("reactionPerMember", user.id)) return;
  await setStoryRecognition({
    storyId: story.id,
    userId: user.id,
    startingPointId,
    recognised: formText(formData, "recognised") === "true",
  });
  await conversationChanged(story.id);
  revalidatePath(`/stories/${story.slug}`);
}

export type NoteValues = { note: string };

export async function saveOrganisationRecognitionAction(
  state: FormState<NoteValues>,
  formData: FormData,
): Promise<FormState<NoteValues>> {
  return keepInputWhenUnavailable(saveOrganisationRecognitionSubmission, state, formData);
}

async function saveOrganisationRecognitionSubmission(
  _prev: FormState<NoteValues>,
  formData: FormData,
): Promise<FormState<NoteValues>> {
  const t = await getTranslations();
  const values = { note: formText(formData, "note") };
  const slug = formText(formData, "startingPoint");
  const user = await requireUser(`/starting-points/${slug}`);
  // The recognition counts in public, and its note is shown there.
  if (!canWritePublicly(user)) return formError(t("verifyEmail.confirmFirst"), values);
  const startingPointId = await startingPointIdBySlug(slug);
  if (startingPointId === null) return formError(t("model.unknownStartingPoint"), values);

  const parsed = organisationNoteSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);
  const limited = await memberOverLimit("reactionPerMember", user.id);
  if (limited) return formError(limited, values);
  await saveOrganisationRecognition({ startingPointId, userId: user.id, note: parsed.data.note });
  await organisationRecognitionsChanged();
  revalidatePath(`/starting-points/${slug}`);
  revalidatePath("/starting-points");
  return ok();
}

export async function removeOrganisationRecognitionAction(formData: FormData): Promise<void> {
  const slug = formText(formData, "startingPoint");
  const user = await requireUser(`/starting-points/${slug}`);
  const startingPointId = await startingPointIdBySlug(slug);
  if (startingPointId === null) return;
  if (await memberOverLimit("reactionPerMember", user.id)) return;
  await removeOrganisationRecognition({ startingPointId, userId: user.id });
  await organisationRecognitionsChanged();
  revalidatePath(`/starting-points/${slug}`);
  revalidatePath("/starting-points");
}

export type ProposalValues = { name: string; explanation: string; stories: string };

export async function createProposalAction(
  state: FormState<ProposalValues>,
  formData: FormData,
): Promise<FormState<ProposalValues>> {
  return keepInputWhenUnavailable(createProposalSubmission, state, formData);
}

async function createProposalSubmission(
  _prev: FormState<ProposalValues>,
  formData: FormData,
): Promise<FormState<ProposalValues>> {
  const t = await getTranslations();
  const values = {
    name: formText(formData, "name"),
    explanation: formText(formData, "explanation"),
    stories: formText(formData, "stories"),
  };
  const user = await requireUser("/starting-points#propose");
  if (!canWritePublicly(user)) return formError(t("verifyEmail.confirmFirst"), values);

  const parsed = proposalSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);
  const limited = await memberOverLimit("proposalPerMember", user.id);
  if (limited) return formError(limited, values);
  let id: string;
  try {
    ({ id } = await createProposal({
      proposerId: user.id,
      name: parsed.data.name,
      explanation: parsed.data.explanation,
      storySlugs: parsed.data.stories,
    }));
  } catch (error) {
    if (error instanceof UnknownStoriesError) {
      return fieldError("stories", t("model.unknownStories", { stories: error.slugs.join(", ") }), values);
    }
    throw error;
  }
  revalidatePath("/starting-points");
  redirect(`/starting-points/proposals/${id}`);
}

export async function setProposalSupportAction(formData: FormData): Promise<void> {
  const proposalId = formText(formData, "proposalId");
  const user = await requireUser(`/starting-points/proposals/${proposalId}`);
  const proposal = await getProposalAccess(proposalId);
  if (!proposal || !canSupportProposal(user, proposal)) return;
  if (await memberOverLimit("reactionPerMember", user.id)) return;
  await setProposalSupport({
    proposalId,
    userId: user.id,
    supported: formText(formData, "supported") === "true",
  });
  revalidatePath(`/starting-points/proposals/${proposalId}`);
  revalidatePath("/starting-points");
}

export async function postProposalCommentAction(
  state: FormState<{ body: string }>,
  formData: FormData,
): Promise<FormState<{ body: string }>> {
  return keepInputWhenUnavailable(postProposalCommentSubmission, state, formData);
}

async function postProposalCommentSubmission(
  _prev: FormState<{ body: string }>,
  formData: FormData,
): Promise<FormState<{ body: string }>> {
  const t = await getTranslations();
  const values = { body: formText(formData, "body") };
  const proposalId = formText(formData, "proposalId");
  const user = await requireUser(() => refuse(formError(t("comments.signInToComment"), values)));
  if (!canWritePublicly(user)) return formError(t("comments.confirmEmailToComment"), values);
  const proposal = await getProposalAccess(proposalId);
  if (!proposal) return formError(t("model.proposalGone"), values);

  const parsed = commentSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);
  const limited = await memberOverLimit("commentPerMember", user.id);
  if (limited) return formError(limited, values);
  await createProposalComment({ proposalId, authorId: user.id, body: parsed.data.body });
  revalidatePath(`/starting-points/proposals/${proposalId}`);
  return ok();
}

export type DecisionValues = Record<string, string>;

export async function decideProposalAction(
  state: FormState<DecisionValues>,
  formData: FormData,
): Promise<FormState<DecisionValues>> {
  return keepInputWhenUnavailable(decideProposalSubmission, state, formData);
}

async function decideProposalSubmission(
  _prev: FormState<DecisionValues>,
  formData: FormData,
): Promise<FormState<DecisionValues>> {
  const t = await getTranslations();
  const values = formValues(formData) as DecisionValues;
  const proposalId = formText(formData, "proposalId");
  const moderatorsOnly = formError(t("model.moderatorsOnly"), values);
  const user = await requireUser(() => refuse(moderatorsOnly));
  if (!isModerator(user)) return moderatorsOnly;
  const proposal = await getProposalAccess(proposalId);

  const parsed = decisionSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return invalid(parsed.error, values);
  const result = await decideProposal({ proposalId, moderatorId: user.id, ...parsed.data });
  if (!result.ok) {
    return result.reason === "already_decided"
      ? formError(t("model.alreadyDecided"), values)
      : fieldError("mergeInto", t("model.unknownStartingPoint"), values);
  }
  await recordStaffAction({
    actorId: user.id,
    action: "decide_proposal",
    target: {
      type: "proposal",
      id: proposalId,
      userId: proposal?.proposerId ?? null,
      label: proposal?.name ?? proposalId,
    },
    reason: "reason" in parsed.data ? parsed.data.reason : "",
    before: { status: "open" },
    after: { status: parsed.data.decision },
  });
  // An accepted proposal is a new starting point; a merge retags stories.
  await contentChanged();
  revalidatePath(`/starting-points/proposals/${proposalId}`);
  revalidatePath("/starting-points");
  revalidatePath("/");
  return ok();
}
