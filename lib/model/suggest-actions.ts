"use server";

import { currentUser } from "@/lib/auth/session";
import { getReaderLocale } from "@/lib/i18n/server";
import { suggestStartingPoints, type SuggestionView } from "./suggest";
import { suggestionRequestSchema } from "./suggestion-schema";

/**
 * Suggestions for the story form as its author types (the form calls it a moment after they
 * stop). Only for members: the form is theirs, and nobody else needs the model this way.
 */
export async function suggestStartingPointsAction(input: unknown): Promise<SuggestionView[]> {
  const user = await currentUser();
  if (!user) return [];
  const parsed = suggestionRequestSchema.safeParse(input);
  if (!parsed.success) return [];
  return suggestStartingPoints(parsed.data, await getReaderLocale());
}
