import { z } from "../validation/zod";

export const NOTE_MAX = 500;
export const PROPOSAL_NAME_MIN = 3;
export const PROPOSAL_NAME_MAX = 80;
export const PROPOSAL_EXPLANATION_MIN = 20; // Enough to say what the starting point is.
export const PROPOSAL_EXPLANATION_MAX = 2_000;
export const PROPOSAL_STORIES_MAX = 10;
export const REASON_MIN = 5;
export const REASON_MAX = 1_000;
export const DESCRIPTION_MAX = 2_000;

export const organisationNoteSchema = z.object({
  note: z.string().trim().max(NOTE_MAX),
});

/** "https://…/stories/some-slug", "/stories/some-slug" or "some-slug", one per line. */
export function parseStoryReferences(input: string): string[] {
  const slugs = input
    .split(/[\s,]+/)
    .map((ref) => ref.trim())
    .filter(Boolean)
    .map((ref) => {
      const path = ref
        .replace(/^https?:\/\/[^/]+/i, "")
        .replace(/[?#].*$/, "")
        .replace(/\/+$/, "");
      return path.startsWith("/stories/") ? path.slice("/stories/".length) : path;
    });
  return [...new Set(slugs)];
}

export const proposalSchema = z.object({
  name: z.string().trim().min(PROPOSAL_NAME_MIN).max(PROPOSAL_NAME_MAX),
  explanation: z.string().trim().min(PROPOSAL_EXPLANATION_MIN).max(PROPOSAL_EXPLANATION_MAX),
  stories: z
    .string()
    .max(PROPOSAL_STORIES_MAX * 300)
    .transform(parseStoryReferences)
    .pipe(z.array(z.string().max(200)).max(PROPOSAL_STORIES_MAX)),
});
export type ProposalInput = z.infer<typeof proposalSchema>;

export const DECISIONS = ["accept", "merge", "decline"] as const;
export type Decision = (typeof DECISIONS)[number];

/** What a moderator submits to decide a proposal; which fields count depends on the decision. */
export const decisionSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("accept"),
    nameEn: z.string().trim().min(PROPOSAL_NAME_MIN).max(PROPOSAL_NAME_MAX),
    nameNl: z.string().trim().min(PROPOSAL_NAME_MIN).max(PROPOSAL_NAME_MAX),
    descriptionEn: z.string().trim().min(PROPOSAL_EXPLANATION_MIN).max(DESCRIPTION_MAX),
    descriptionNl: z.string().trim().min(PROPOSAL_EXPLANATION_MIN).max(DESCRIPTION_MAX),
    reason: z.string().trim().max(REASON_MAX),
  }),
  z.object({
    decision: z.literal("merge"),
    mergeInto: z.string().trim().min(1),
    reason: z.string().trim().min(REASON_MIN).max(REASON_MAX),
  }),
  z.object({
    decision: z.literal("decline"),
    reason: z.string().trim().min(REASON_MIN).max(REASON_MAX),
  }),
]);
export type DecisionInput = z.infer<typeof decisionSchema>;
