"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { canRecogniseStory, canSupportProposal, isModerator } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { commentSchema } from "@/lib/comments/schema";
import { getStoryAccess } from "@/lib/stories/queries";
import { formValues } from "@/lib/validation/form-data";
import { validationErrorMap, type FormState } from "@/lib/validation/error-map";
import {
  createProposal,
  createProposalComment,
  decideProposal,
  getProposalAccess,
  removeOrganisationRecognition,
  saveOrganisationRecognition,
  setProposalSupport,
  setStoryRecognition,
  startingPointIdBySlug,
  UnknownStoriesError,
} from "./queries";
import { decisionSchema, organisationNoteSchema, proposalSchema } from "./schema";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** A reader marks (or unmarks) a starting point they recognise in someone else's story. */
export async function setStoryRecognitionAction(formData: FormData): Promise<void> {
  const user = await currentUser();
  const story = await getStoryAccess(field(formData, "storyId"));
  if (!story) return;
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/stories/${story.slug}`)}`);
  const startingPointId = await startingPointIdBySlug(field(formData, "startingPoint"));
  if (!canRecogniseStory(user, story) || startingPointId === null) return;
  await setStoryRecognition({ storyId: story.id, userId: user.id, startingPointId, recognised: field(formData, "recognised") === "true" });
  revalidatePath(`/stories/${story.slug}`);
}

export type NoteValues = { note: string };

export async function saveOrganisationRecognitionAction(_prev: FormState<NoteValues>, formData: FormData): Promise<FormState<NoteValues>> {
  const t = await getTranslations();
  const values = { note: field(formData, "note") };
  const slug = field(formData, "startingPoint");
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/starting-points/${slug}`)}`);
  const startingPointId = await startingPointIdBySlug(slug);
  if (startingPointId === null) return { ok: false, fieldErrors: {}, formError: t("model.unknownStartingPoint"), values };

  const parsed = organisationNoteSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  await saveOrganisationRecognition({ startingPointId, userId: user.id, note: parsed.data.note });
  revalidatePath(`/starting-points/${slug}`);
  revalidatePath("/starting-points");
  return { ok: true };
}

export async function removeOrganisationRecognitionAction(formData: FormData): Promise<void> {
  const slug = field(formData, "startingPoint");
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/starting-points/${slug}`)}`);
  const startingPointId = await startingPointIdBySlug(slug);
  if (startingPointId === null) return;
  await removeOrganisationRecognition({ startingPointId, userId: user.id });
  revalidatePath(`/starting-points/${slug}`);
  revalidatePath("/starting-points");
}

export type ProposalValues = { name: string; explanation: string; stories: string };

export async function createProposalAction(_prev: FormState<ProposalValues>, formData: FormData): Promise<FormState<ProposalValues>> {
  const t = await getTranslations();
  const values = { name: field(formData, "name"), explanation: field(formData, "explanation"), stories: field(formData, "stories") };
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fstarting-points%23propose");

  const parsed = proposalSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  let id: string;
  try {
    ({ id } = await createProposal({ proposerId: user.id, name: parsed.data.name, explanation: parsed.data.explanation, storySlugs: parsed.data.stories }));
  } catch (error) {
    if (error instanceof UnknownStoriesError) {
      return { ok: false, fieldErrors: { stories: [t("model.unknownStories", { stories: error.slugs.join(", ") })] }, values };
    }
    throw error;
  }
  revalidatePath("/starting-points");
  redirect(`/starting-points/proposals/${id}`);
}

export async function setProposalSupportAction(formData: FormData): Promise<void> {
  const proposalId = field(formData, "proposalId");
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/starting-points/proposals/${proposalId}`)}`);
  const proposal = await getProposalAccess(proposalId);
  if (!proposal || !canSupportProposal(user, proposal)) return;
  await setProposalSupport({ proposalId, userId: user.id, supported: field(formData, "supported") === "true" });
  revalidatePath(`/starting-points/proposals/${proposalId}`);
  revalidatePath("/starting-points");
}

export async function postProposalCommentAction(_prev: FormState<{ body: string }>, formData: FormData): Promise<FormState<{ body: string }>> {
  const t = await getTranslations();
  const values = { body: field(formData, "body") };
  const proposalId = field(formData, "proposalId");
  const user = await currentUser();
  if (!user) return { ok: false, fieldErrors: {}, formError: t("comments.signInToComment"), values };
  const proposal = await getProposalAccess(proposalId);
  if (!proposal) return { ok: false, fieldErrors: {}, formError: t("model.proposalGone"), values };

  const parsed = commentSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  await createProposalComment({ proposalId, authorId: user.id, body: parsed.data.body });
  revalidatePath(`/starting-points/proposals/${proposalId}`);
  return { ok: true };
}

export type DecisionValues = Record<string, string>;

export async function decideProposalAction(_prev: FormState<DecisionValues>, formData: FormData): Promise<FormState<DecisionValues>> {
  const t = await getTranslations();
  const values = formValues(formData) as DecisionValues;
  const proposalId = field(formData, "proposalId");
  const user = await currentUser();
  if (!user || !isModerator(user)) return { ok: false, fieldErrors: {}, formError: t("model.moderatorsOnly"), values };

  const parsed = decisionSchema.safeParse(values, { error: validationErrorMap(t) });
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>, values };
  const result = await decideProposal({ proposalId, moderatorId: user.id, ...parsed.data });
  if (!result.ok) {
    return result.reason === "already_decided"
      ? { ok: false, fieldErrors: {}, formError: t("model.alreadyDecided"), values }
      : { ok: false, fieldErrors: { mergeInto: [t("model.unknownStartingPoint")] }, values };
  }
  revalidatePath(`/starting-points/proposals/${proposalId}`);
  revalidatePath("/starting-points");
  revalidatePath("/");
  return { ok: true };
}
