import type { Role, StoryStatus } from "@/db/schema";

/*
 * Who may do what, in one place and in words. Pure functions: pages use them to decide what
 * to show, actions use them again before they change anything.
 */

export type Actor = { id: string; role: Role } | null;

export function isModerator(actor: Actor): boolean {
  return actor?.role === "moderator" || actor?.role === "admin";
}

export function isAdmin(actor: Actor): boolean {
  return actor?.role === "admin";
}

/** Members report what others can see: published stories, visible comments, profiles; never their own. */
export function canReport(actor: Actor, target: { type: string; userId: string | null; state: string }): boolean {
  if (actor === null || target.userId === actor.id) return false;
  return target.type === "member" || target.state === "published";
}

/**
 * Published stories are public. A draft is its author's alone; a story waiting for approval or
 * hidden by moderators is also open to moderators, who decide on it.
 */
export function canViewStory(actor: Actor, story: { authorId: string | null; status: StoryStatus }): boolean {
  if (story.status === "published") return true;
  if (actor !== null && actor.id === story.authorId) return true;
  return story.status !== "draft" && isModerator(actor);
}

export function canEditStory(actor: Actor, story: { authorId: string | null }): boolean {
  if (actor === null) return false;
  return actor.id === story.authorId || isModerator(actor);
}

export function canComment(actor: Actor, story: { status: StoryStatus }): boolean {
  return actor !== null && story.status === "published";
}

/** A comment moderators hid cannot be changed behind their back; it can still be deleted. */
export function canEditComment(actor: Actor, comment: { authorId: string | null; deletedAt: Date | null; hiddenAt?: Date | null }): boolean {
  if (actor === null || comment.deletedAt !== null || comment.hiddenAt) return false;
  return actor.id === comment.authorId;
}

export function canDeleteComment(actor: Actor, comment: { authorId: string | null; deletedAt: Date | null }): boolean {
  if (actor === null || comment.deletedAt !== null) return false;
  return actor.id === comment.authorId || isModerator(actor);
}

/** Readers, not authors, say what they recognise in a published story. */
export function canRecogniseStory(actor: Actor, story: { authorId: string | null; status: StoryStatus }): boolean {
  return actor !== null && story.status === "published" && actor.id !== story.authorId;
}

/** Members support open proposals; proposing one already counts as the proposer's support. */
export function canSupportProposal(actor: Actor, proposal: { proposerId: string | null; status: string }): boolean {
  return actor !== null && proposal.status === "open" && actor.id !== proposal.proposerId;
}

export function canDecideProposal(actor: Actor, proposal: { status: string }): boolean {
  return isModerator(actor) && proposal.status === "open";
}
