import { z } from "../validation/zod";
import { BODY_MAX, ORGANISATION_MAX, SUMMARY_MAX, TITLE_MAX, TRIGGER_MAX } from "../stories/schema";
import { LANGUAGES } from "../constants/vocabulary";
import { normaliseText } from "../validation/form-data";

/**
 * What the story form sends to ask for suggestions while someone writes. A half-written story
 * is never refused: text past the form's limits is cut off here (the save refuses it later),
 * and anything unreadable counts as empty. The text is normalised as form text is: the action
 * is called with plain arguments, not a form, so nothing else drops a NUL on the way.
 */
const text = (max: number) =>
  z
    .string()
    .catch("")
    .transform((value) => normaliseText(value).slice(0, max));

export const suggestionRequestSchema = z.object({
  title: text(TITLE_MAX),
  organisation: text(ORGANISATION_MAX),
  summary: text(SUMMARY_MAX),
  body: text(BODY_MAX),
  trigger: text(TRIGGER_MAX),
  language: z.enum(LANGUAGES).catch("en"),
});

export type SuggestionRequest = z.infer<typeof suggestionRequestSchema>;
