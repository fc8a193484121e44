import { z } from "../validation/zod";

/**
 * The restore form: which story, which old version to make current, and the story's version
 * when the person looked at the history (a save in between makes the restore a conflict, like
 * an edit).
 */
export const restoreRevisionSchema = z.object({
  storyId: z.string().min(1),
  version: z.coerce.number().int().positive(),
  expectedVersion: z.coerce.number().int().positive(),
});
export type RestoreRevisionInput = z.infer<typeof restoreRevisionSchema>;
