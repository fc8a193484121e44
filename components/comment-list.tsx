"use client";

import type { CommentItemView } from "@/lib/comments/view";
import { CommentThread } from "./comment-thread";

/** A top-level comment with the replies it has on this page (absent: none). */
export type CommentThreadView = CommentItemView & { replies?: CommentItemView[] };

/**
 * A page of a story's comments. What every comment shares (the story's address) comes once,
 * here, instead of with each comment: the props of a client component are sent in the page
 * twice (see lib/comments/view.ts).
 */
export function CommentList({ storySlug, threads }: { storySlug: string; threads: CommentThreadView[] }) {
  return (
    <ol className="space-y-4">
      {threads.map(({ replies = [], ...comment }) => (
        <CommentThread key={comment.id} storySlug={storySlug} comment={comment} replies={replies} />
      ))}
    </ol>
  );
}
