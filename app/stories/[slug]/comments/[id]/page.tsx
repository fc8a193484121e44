import { notFound, redirect } from "next/navigation";
import { canViewStory } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { locateComment } from "@/lib/comments/queries";

/*
 * A comment's permalink. Comments are paged with keyset cursors, so "#comment-<id>" on the story
 * page finds only comments on its first page: this answers with a redirect to the page of
 * comments that shows the comment's thread, scrolled to the comment.
 */
export default async function CommentPermalink({
  params,
}: {
  params: Promise<{ slug: string; id: string }>;
}) {
  const { slug, id } = await params;
  const [comment, user] = await Promise.all([locateComment(id), currentUser()]);
  if (
    !comment ||
    comment.storySlug !== slug ||
    !canViewStory(user, { authorId: comment.storyAuthorId, status: comment.storyStatus })
  )
    notFound();
  const page = comment.cursor ? `?comments=${encodeURIComponent(comment.cursor)}` : "";
  redirect(`/stories/${slug}${page}#comment-${comment.id}`);
}
