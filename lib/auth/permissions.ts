import type { Role, StoryStatus } from "@/db/schema";

/*
 * Who may do what, in one place and in words. Pure functions: pages use them to decide what
 * to show, actions use them again before they change anything.
 */

/**
 * `emailUnconfirmed`: the member signed up while confirmation is required and has not opened the
 * link yet (lib/auth/verification.ts); until then they read and write drafts, but do not publish
 * or comment. Absent means confirmed.
 */
export type Actor = { id: string; role: Role; emailUnconfirmed?: boolean } | null;

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

/** Publishing (or sending for approval) waits until the member has confirmed their address; drafts do not. */
export function canPublish(actor: Actor): boolean {
  return actor !== null && !actor.emailUnconfirmed;
}

export function canEditStory(actor: Actor, story: { authorId: string | null }): boolean {
  if (actor === null) return false;
  return actor.id === story.authorId || isModerator(actor);
}

/**
 * A story's earlier versions (and restoring one) are for its author and the moderators, who
 * may edit it; everyone else only sees that it was edited. Moderators do not see drafts.
 */
export function canSeeHistory(actor: Actor, story: { authorId: string | null; status: StoryStatus }): boolean {
  return canViewStory(actor, story) && canEditStory(actor, story);
}

/** Why a published story takes no new comments, or null when it does. */
export function commentsClosedReason(story: { commentsClosed?: boolean; lockedAt?: Date | null }): "locked" | "closed" | null {
  // The lock wins: an author who switches comments back on cannot reopen a moderator's lock.
  if (story.lockedAt) return "locked";
  return story.commentsClosed ? "closed" : null;
}

/**
 * New comments and replies go to published stories whose author has not switched comments off
 * and that no moderator locked. As in Discourse, a lock binds moderators too: they unlock first.
 */
export function canComment(actor: Actor, story: { status: StoryStatus; commentsClosed?: boolean; lockedAt?: Date | null }): boolean {
  return actor !== null && !actor.emailUnconfirmed && story.status === "published" && commentsClosedReason(story) === null;
}

/**
 * A comment moderators hid cannot be changed behind their back; it can still be deleted. In a
 * closed or locked conversation (pass the story) comments are frozen too, but stay deletable.
 */
export function canEditComment(
  actor: Actor,
  comment: { authorId: string | null; deletedAt: Date | null; hiddenAt?: Date | null },
  story?: { commentsClosed?: boolean; lockedAt?: Date | null },
): boolean {
  if (actor === null || comment.deletedAt !== null || comment.hiddenAt) return false;
  if (story && commentsClosedReason(story) !== null) return false;
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

/** Authors switch comments off (and on) on their own stories. */
export function canCloseComments(actor: Actor, story: { authorId: string | null }): boolean {
  return actor !== null && actor.id === story.authorId;
}

/** Moderators lock (and unlock) any story's conversation. */
export function canLockThread(actor: Actor): boolean {
  return isModerator(actor);
}

/**
 * "Useful" is a reader's word for someone else's visible story or comment; authors only see the
 * count. It stays open in a closed or locked conversation: it adds nothing to the thread.
 */
export function canMarkUseful(
  actor: Actor,
  target: { authorId: string | null; status: StoryStatus; deletedAt?: Date | null; hiddenAt?: Date | null },
): boolean {
  if (actor === null || target.status !== "published" || target.deletedAt || target.hiddenAt) return false;
  return actor.id !== target.authorId;
}
