import { z } from "../validation/zod";
import { BODY_MAX, ORGANISATION_MAX, SUMMARY_MAX, TITLE_MAX, TRIGGER_MAX } from "../stories/schema";
import { LANGUAGES } from "../constants/vocabulary";

/**
 * What the story form sends to ask for suggestions while someone writes. A half-written story
 * is never refused: text past the form's limits is cut off here (the save refuses it later),
 * and anything unreadable counts as empty.
 */
const text = (max: number) => z.string().catch("").transform((value) => value.slice(0, max));

export const suggestionRequestSchema = z.object({
  title: text(TITLE_MAX),
  organisation: text(ORGANISATION_MAX),
  summary: text(SUMMARY_MAX),
  body: text(BODY_MAX),
  trigger: text(TRIGGER_MAX),
  language: z.enum(LANGUAGES).catch("en"),
});

export type SuggestionRequest = z.infer<typeof suggestionRequestSchema>;
