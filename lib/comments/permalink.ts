/** The address of one comment: it redirects to the page of comments that holds it. */
export function commentPermalink(storySlug: string, commentId: string): string {
  return `/stories/${storySlug}/comments/${commentId}`;
}
