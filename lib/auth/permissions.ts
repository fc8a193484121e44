import type { Role, StoryStatus } from "@/db/schema";

/*
 * Who may do what, in one place and in words. Pure functions: pages use them to decide what
 * to show, actions use them again before they change anything.
 */

/**
 * `emailUnconfirmed`: the member signed up while confirmation is required and has not opened the
 * link yet (lib/auth/verification.ts); until then they read and write drafts, but write nothing
 * others see (`canWritePublicly`). Absent means confirmed.
 */
export type Actor = { id: string; role: Role; emailUnconfirmed?: boolean } | null;

export function isModerator(actor: Actor): boolean {
  return actor?.role === "moderator" || actor?.role === "admin";
}

export function isAdmin(actor: Actor): boolean {
  return actor?.role === "admin";
}

/**
 * Members report what others can see: published stories, visible comments, profiles; never their
 * own. Reports of three members hide content, so they are a public write.
 */
export function canReport(
  actor: Actor,
  target: { type: string; userId: string | null; state: string },
): boolean {
  if (actor === null || !canWritePublicly(actor) || target.userId === actor.id) return false;
  return target.type === "member" || target.state === "published";
}

/*
 * Staff over people. A moderator acts on members: their published, waiting or hidden content
 * and their account. An admin acts on members and moderators, and on a fellow admin's content,
 * but not on a fellow admin's account: to suspend an admin, another admin first takes the role
 * away on /admin (audited, and the last admin keeps it). Nobody acts *as staff* on their own
 * content or account; authors use the author's tools. Drafts are their author's alone, also
 * for staff. See docs/decisions/031-authorisation-by-role-and-status.md.
 */

const RANK: Record<Role, number> = { member: 0, moderator: 1, admin: 2 };

/** Whose content or account it is: null for a former member's content, which counts as a member's. */
export type Owner = { id: string | null; role: Role | null };

/** Whether staff may act on the content (or, with `"account"`, the account) of `owner`. */
export function staffActsOn(actor: Actor, owner: Owner, what: "content" | "account"): boolean {
  if (actor === null || !isModerator(actor) || owner.id === actor.id) return false;
  if (what === "content" && isAdmin(actor)) return true;
  return RANK[actor.role] > RANK[owner.role ?? "member"];
}

/** What permission checks need of a story: whose it is, their role, and its status. */
export type StoryAccess = { authorId: string | null; authorRole: Role | null; status: StoryStatus };

const ownerOf = (story: { authorId: string | null; authorRole: Role | null }): Owner => ({
  id: story.authorId,
  role: story.authorRole,
});

/**
 * Published stories are public. A draft is its author's alone; a story waiting for approval or
 * hidden by moderators is also open to moderators, who decide on it.
 */
export function canViewStory(actor: Actor, story: { authorId: string | null; status: StoryStatus }): boolean {
  if (story.status === "published") return true;
  if (actor !== null && actor.id === story.authorId) return true;
  return story.status !== "draft" && isModerator(actor);
}

/**
 * The one check for writing something others can see or that changes what they see: publishing,
 * comments, proposals and their comments, public notes, translations, profiles, reports and the
 * counts readers add to (useful, support, recognitions). It waits until the member has
 * confirmed their address; drafts and one's own settings do not.
 */
export function canWritePublicly(actor: Actor): boolean {
  return actor !== null && !actor.emailUnconfirmed;
}

/** Its author, any time; staff, on stories that are not drafts, of people they act on. */
export function canEditStory(actor: Actor, story: StoryAccess): boolean {
  if (actor === null) return false;
  if (actor.id === story.authorId) return true;
  return story.status !== "draft" && staffActsOn(actor, ownerOf(story), "content");
}

/**
 * A story's earlier versions (and restoring one) are for its author and the moderators, who
 * may edit it; everyone else only sees that it was edited. Moderators do not see drafts.
 */
export function canSeeHistory(actor: Actor, story: StoryAccess): boolean {
  return canViewStory(actor, story) && canEditStory(actor, story);
}

/** Why a published story takes no new comments, or null when it does. */
export function commentsClosedReason(story: {
  commentsClosed?: boolean;
  lockedAt?: Date | null;
}): "locked" | "closed" | null {
  // The lock wins: an author who switches comments back on cannot reopen a moderator's lock.
  if (story.lockedAt) return "locked";
  return story.commentsClosed ? "closed" : null;
}

/**
 * New comments and replies go to published stories whose author has not switched comments off
 * and that no moderator locked. As in Discourse, a lock binds moderators too: they unlock first.
 */
export function canComment(
  actor: Actor,
  story: { status: StoryStatus; commentsClosed?: boolean; lockedAt?: Date | null },
): boolean {
  return canWritePublicly(actor) && story.status === "published" && commentsClosedReason(story) === null;
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
  if (actor === null || !canWritePublicly(actor) || comment.deletedAt !== null || comment.hiddenAt)
    return false;
  if (story && commentsClosedReason(story) !== null) return false;
  return actor.id === comment.authorId;
}

/** Its author; staff, on a story that is not a draft, if they act on the comment's author. */
export function canDeleteComment(
  actor: Actor,
  comment: { authorId: string | null; authorRole: Role | null; deletedAt: Date | null },
  story: { status: StoryStatus },
): boolean {
  if (actor === null || comment.deletedAt !== null) return false;
  if (actor.id === comment.authorId) return true;
  return story.status !== "draft" && staffActsOn(actor, ownerOf(comment), "content");
}

/** Readers, not authors, say what they recognise in a published story. */
export function canRecogniseStory(
  actor: Actor,
  story: { authorId: string | null; status: StoryStatus },
): boolean {
  return (
    actor !== null && canWritePublicly(actor) && story.status === "published" && actor.id !== story.authorId
  );
}

/** Members support open proposals; proposing one already counts as the proposer's support. */
export function canSupportProposal(
  actor: Actor,
  proposal: { proposerId: string | null; status: string },
): boolean {
  return (
    actor !== null &&
    canWritePublicly(actor) &&
    proposal.status === "open" &&
    actor.id !== proposal.proposerId
  );
}

export function canDecideProposal(actor: Actor, proposal: { status: string }): boolean {
  return isModerator(actor) && proposal.status === "open";
}

/** Authors switch comments off (and on) on their own stories. */
export function canCloseComments(actor: Actor, story: { authorId: string | null }): boolean {
  return actor !== null && actor.id === story.authorId;
}

/**
 * Staff lock (and unlock) the conversation of a story they act on, never a draft's. Their own
 * story's conversation they close as its author, like anyone.
 */
export function canLockThread(actor: Actor, story: StoryAccess): boolean {
  return story.status !== "draft" && staffActsOn(actor, ownerOf(story), "content");
}

/**
 * A moderation decision (lib/moderation/decisions.ts `decide`). Warnings and suspensions act on a
 * person, so they follow the account rule even when they are decided on a story or comment; the
 * rest act on the content. On a draft (a reported story its author took back) staff can only
 * dismiss the reports: the text is the author's alone again.
 */
export function canDecide(
  actor: Actor,
  target: { type: string; userId: string | null; ownerRole: Role | null; state: string },
  decision: string,
): boolean {
  const owner = { id: target.userId, role: target.ownerRole };
  const onPerson =
    target.type === "member" || decision === "warn" || decision === "suspend" || decision === "unsuspend";
  if (!staffActsOn(actor, owner, onPerson ? "account" : "content")) return false;
  return target.state !== "draft" || decision === "dismiss";
}

/**
 * "Useful" is a reader's word for someone else's visible story or comment; authors only see the
 * count. It stays open in a closed or locked conversation: it adds nothing to the thread.
 */
export function canMarkUseful(
  actor: Actor,
  target: { authorId: string | null; status: StoryStatus; deletedAt?: Date | null; hiddenAt?: Date | null },
): boolean {
  if (
    actor === null ||
    !canWritePublicly(actor) ||
    target.status !== "published" ||
    target.deletedAt ||
    target.hiddenAt
  )
    return false;
  return actor.id !== target.authorId;
}
