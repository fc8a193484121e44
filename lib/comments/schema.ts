import { z } from "../validation/zod";

export const COMMENT_MIN = 2;
export const COMMENT_MAX = 5_000;

export const commentSchema = z.object({
  body: z.string().trim().min(COMMENT_MIN).max(COMMENT_MAX),
});
export type CommentInput = z.infer<typeof commentSchema>;
