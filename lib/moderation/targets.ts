import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { comments, stories, users, type ReportTarget, type Role } from "@/db/schema";
import type { ModerationDecision } from "./schema";

/** What a report or a decision is about, as moderators and the public log name it. */
export type Target = {
  type: ReportTarget;
  id: string;
  /** Whose content or account it is; null for a former member's content. */
  userId: string | null;
  label: string;
  url: string;
  /** The words moderators judge: summary and body, the comment, the member's name. */
  excerpt: string;
  state: "draft" | "pending" | "published" | "hidden" | "deleted" | "active" | "suspended";
  /** The role of `userId`: which staff may decide on it (lib/auth/permissions.ts `canDecide`). */
  ownerRole: Role | null;
};

const excerptOf = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export async function resolveTarget(db: Database, type: ReportTarget, id: string): Promise<Target | null> {
  if (type === "story") {
    const [story] = await db
      .select({
        id: stories.id,
        slug: stories.slug,
        title: stories.title,
        summary: stories.summary,
        body: stories.body,
        authorId: stories.authorId,
        authorRole: users.role,
        status: stories.status,
      })
      .from(stories)
      .leftJoin(users, eq(users.id, stories.authorId))
      .where(eq(stories.id, id))
      .limit(1);
    if (!story) return null;
    return {
      type,
      id,
      userId: story.authorId,
      label: story.title,
      url: `/stories/${story.slug}`,
      excerpt: excerptOf([story.summary, story.body].filter(Boolean).join("\n\n")),
      state: story.status,
      ownerRole: story.authorRole,
    };
  }
  if (type === "comment") {
    const [comment] = await db
      .select({
        id: comments.id,
        body: comments.body,
        authorId: comments.authorId,
        authorRole: users.role,
        hiddenAt: comments.hiddenAt,
        deletedAt: comments.deletedAt,
        storySlug: stories.slug,
        storyTitle: stories.title,
        storyStatus: stories.status,
      })
      .from(comments)
      .innerJoin(stories, eq(stories.id, comments.storyId))
      .leftJoin(users, eq(users.id, comments.authorId))
      .where(eq(comments.id, id))
      .limit(1);
    if (!comment) return null;
    return {
      type,
      id,
      userId: comment.authorId,
      label: comment.storyTitle,
      url: `/stories/${comment.storySlug}#comment-${comment.id}`,
      excerpt: excerptOf(comment.body),
      // A comment is as far out of staff's reach as the draft it hangs from.
      state: comment.deletedAt
        ? "deleted"
        : comment.storyStatus === "draft"
          ? "draft"
          : comment.hiddenAt
            ? "hidden"
            : "published",
      ownerRole: comment.authorRole,
    };
  }
  const [member] = await db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      role: users.role,
      suspendedUntil: users.suspendedUntil,
      suspendedForGood: users.suspendedForGood,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!member) return null;
  const suspended =
    member.suspendedForGood || (member.suspendedUntil !== null && member.suspendedUntil > new Date());
  return {
    type,
    id,
    userId: member.id,
    label: `@${member.handle}`,
    url: `/members/${member.handle}`,
    excerpt: member.name,
    state: suspended ? "suspended" : "active",
    ownerRole: member.role,
  };
}

export async function findTarget(type: ReportTarget, id: string): Promise<Target | null> {
  return resolveTarget(await getDb(), type, id);
}

/** The decisions that make sense for a target in its current state. */
export function applicableDecisions(target: Target): ModerationDecision[] {
  const decisions: ModerationDecision[] = ["dismiss"];
  if (target.type === "member") {
    decisions.push("warn", target.state === "suspended" ? "unsuspend" : "suspend");
    return decisions;
  }
  // A reported story its author took back: the reports can go, the draft is the author's.
  if (target.state === "draft") return decisions;
  if (target.state === "pending") decisions.push("approve", "reject");
  if (target.state === "published") decisions.push("hide");
  if (target.state === "hidden") decisions.push("restore");
  if (target.state !== "deleted") decisions.push("delete");
  if (target.userId) decisions.push("warn", "suspend");
  return decisions;
}
