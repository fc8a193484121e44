import { z } from "../validation/zod";
import { BODY_MAX, BODY_MIN, SUMMARY_MAX, TITLE_MAX, TITLE_MIN, TRIGGER_MAX } from "./schema";

/**
 * A translation of a story: the same limits as the story's own fields, since it is the same
 * text in the other language. Organisation, starting points and tools are the story's and are
 * not translated.
 */
export const translationSchema = z.object({
  title: z.string().trim().min(TITLE_MIN).max(TITLE_MAX),
  summary: z.string().trim().max(SUMMARY_MAX),
  body: z.string().trim().min(BODY_MIN).max(BODY_MAX),
  trigger: z.string().trim().max(TRIGGER_MAX),
});
export type TranslationInput = z.infer<typeof translationSchema>;

/** What the form submits, before validation. */
export type TranslationFormValues = { title: string; summary: string; body: string; trigger: string };
