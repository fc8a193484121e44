import "server-only";
import { and, count, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  comments,
  commentUseful,
  emailTokens,
  mailOutbox,
  passwordResetTokens,
  proposalComments,
  proposals,
  proposalSupports,
  stories,
  storyRecognitions,
  storyUseful,
  users,
  verificationTokens,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { AccountContentChoice } from "@/lib/auth/schema";
import { commentPermalink } from "@/lib/comments/permalink";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { enqueueMail } from "@/lib/mail/outbox";
import { accountDeletedMail } from "@/lib/mail/templates";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { published } from "@/lib/stories/query-pieces";
import type { ProfileInput } from "./schema";

/*
 * A member's own account: the public profile, the settings pages, changing the password and
 * deleting the account. See docs/decisions/022-accounts-and-verification.md.
 */

export type MemberProfile = {
  id: string;
  name: string;
  handle: string;
  createdAt: Date;
  organisation: string;
  bio: string;
  website: string;
};

/** The public profile page: never the email address, the role or anything about the password. */
export async function getMemberProfile(handle: string): Promise<MemberProfile | null> {
  const db = await getDb();
  const [member] = await db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      createdAt: users.createdAt,
      organisation: users.organisation,
      bio: users.bio,
      website: users.website,
    })
    .from(users)
    .where(eq(users.handle, handle.toLowerCase()))
    .limit(1);
  return member ?? null;
}

export type MemberComment = {
  id: string;
  excerpt: string;
  createdAt: Date;
  storyTitle: string;
  href: string;
};

export const MEMBER_COMMENTS_PAGE_SIZE = 10;
const EXCERPT_LENGTH = 240;

/**
 * The member's visible comments on published stories, newest first, a page at a time (keyset on
 * created_at and id: `older` is the cursor of the next page). Deleted and hidden comments, and
 * comments on stories others cannot see, are left out.
 */
export async function listMemberComments(params: {
  userId: string;
  after?: string | null;
  limit?: number;
}): Promise<{ items: MemberComment[]; older: string | null }> {
  const limit = params.limit ?? MEMBER_COMMENTS_PAGE_SIZE;
  const cursor = decodeCursor(params.after);
  const db = await getDb();
  const rows = await db
    .select({
      id: comments.id,
      body: comments.body,
      createdAt: comments.createdAt,
      storyTitle: stories.title,
      storySlug: stories.slug,
    })
    .from(comments)
    .innerJoin(stories, eq(stories.id, comments.storyId))
    .where(
      and(
        eq(comments.authorId, params.userId),
        isNull(comments.deletedAt),
        isNull(comments.hiddenAt),
        published(),
        cursor
          ? or(
              lt(comments.createdAt, cursor.at),
              and(eq(comments.createdAt, cursor.at), lt(comments.id, cursor.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      excerpt: excerpt(row.body),
      createdAt: row.createdAt,
      storyTitle: row.storyTitle,
      href: commentPermalink(row.storySlug, row.id),
    })),
    older: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** A comment's opening words as plain text (the page shows them as text, never as HTML). */
function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : flat;
}

export type AccountSettings = {
  name: string;
  handle: string;
  email: string;
  organisation: string;
  bio: string;
  website: string;
  /** The address a change link was sent to and not yet opened, if any. */
  pendingEmail: string | null;
};

export async function getAccountSettings(
  userId: string,
  now: Date = new Date(),
): Promise<AccountSettings | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      name: users.name,
      handle: users.handle,
      email: users.email,
      organisation: users.organisation,
      bio: users.bio,
      website: users.website,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const [pending] = await db
    .select({ email: emailTokens.email })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.userId, userId),
        eq(emailTokens.purpose, "change_email"),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .orderBy(desc(emailTokens.createdAt))
    .limit(1);
  return { ...row, pendingEmail: pending?.email ?? null };
}

export async function getAccountEmail(userId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.email ?? null;
}

export async function updateProfile(params: { userId: string; input: ProfileInput }): Promise<void> {
  const db = await getDb();
  const { name, organisation, bio, website } = params.input;
  await db.update(users).set({ name, organisation, bio, website }).where(eq(users.id, params.userId));
}

/** The language mail to the member is written in: the one they last chose on the site. */
export async function setMemberLocale(userId: string, locale: Locale): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/**
 * A new password, chosen while signed in with the current one (checked by the caller). Every
 * session ends (the session version), and reset links sent earlier stop working.
 */
export async function changePassword(params: { userId: string; newPassword: string }): Promise<void> {
  const passwordHash = await hashPassword(params.newPassword);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, params.userId));
    await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, params.userId));
  });
}

export type DeleteAccountResult = { ok: true } | { ok: false; reason: "not_found" | "last_admin" };

/**
 * Deletes the account in one transaction. Drafts always go (nobody else could ever see them).
 * `keep`: the other stories and the comments stay, credited to "former member" (their author
 * id becomes null by the foreign keys). `delete`: the stories go too, and the comments are
 * emptied and marked deleted, like a deleted comment, so the replies of others keep their
 * place. The member's marks (useful, recognitions, supports) go with the account, and the
 * counters they were part of are counted again. A mail to the address confirms it.
 */
export async function deleteAccount(params: {
  userId: string;
  content: AccountContentChoice;
  now?: Date;
}): Promise<DeleteAccountResult> {
  const now = params.now ?? new Date();
  const db = await getDb();
  return db.transaction(async (tx): Promise<DeleteAccountResult> => {
    // The lock and rule of setRole (lib/admin/roles.ts): there is always an admin left.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('roles'))`);
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, locale: users.locale })
      .from(users)
      .where(eq(users.id, params.userId))
      .for("update");
    if (!user) return { ok: false, reason: "not_found" };
    if (user.role === "admin") {
      const [{ admins }] = await tx.select({ admins: count() }).from(users).where(eq(users.role, "admin"));
      if (Number(admins) <= 1) return { ok: false, reason: "last_admin" };
    }

    // Counters on other rows that the member's marks are part of, to count again afterwards.
    const usefulStories = await tx
      .select({ id: storyUseful.storyId })
      .from(storyUseful)
      .where(eq(storyUseful.userId, user.id));
    const usefulComments = await tx
      .select({ id: commentUseful.commentId })
      .from(commentUseful)
      .where(eq(commentUseful.userId, user.id));
    const recognised = await tx
      .selectDistinct({ id: storyRecognitions.storyId })
      .from(storyRecognitions)
      .where(eq(storyRecognitions.userId, user.id));
    const supported = await tx
      .select({ id: proposalSupports.proposalId })
      .from(proposalSupports)
      .where(eq(proposalSupports.userId, user.id));

    await tx
      .delete(stories)
      .where(
        and(
          eq(stories.authorId, user.id),
          params.content === "delete" ? undefined : eq(stories.status, "draft"),
        ),
      );

    if (params.content === "delete") {
      // As softDeleteComment (lib/comments/queries.ts): visible comments leave the story's count.
      const removed = await tx
        .update(comments)
        .set({ deletedAt: now })
        .where(and(eq(comments.authorId, user.id), isNull(comments.deletedAt)))
        .returning({ storyId: comments.storyId, hiddenAt: comments.hiddenAt });
      for (const [storyId, n] of tally(removed.filter((row) => !row.hiddenAt).map((row) => row.storyId))) {
        await tx
          .update(stories)
          .set({ commentCount: sql`greatest(${stories.commentCount} - ${n}, 0)` })
          .where(eq(stories.id, storyId));
      }
      // The words go, also of comments deleted earlier: the row only keeps the thread's shape.
      await tx.update(comments).set({ body: "" }).where(eq(comments.authorId, user.id));

      const removedOnProposals = await tx
        .update(proposalComments)
        .set({ deletedAt: now, body: "" })
        .where(and(eq(proposalComments.authorId, user.id), isNull(proposalComments.deletedAt)))
        .returning({ proposalId: proposalComments.proposalId });
      for (const [proposalId, n] of tally(removedOnProposals.map((row) => row.proposalId))) {
        await tx
          .update(proposals)
          .set({ commentCount: sql`greatest(${proposals.commentCount} - ${n}, 0)` })
          .where(eq(proposals.id, proposalId));
      }
      await tx.update(proposalComments).set({ body: "" }).where(eq(proposalComments.authorId, user.id));
    }

    // Mail not sent yet (notices, a digest) is for an account that no longer exists.
    await tx.delete(mailOutbox).where(and(eq(mailOutbox.userId, user.id), eq(mailOutbox.status, "pending")));
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email.toLowerCase()));
    await tx.delete(users).where(eq(users.id, user.id));

    const ids = (rows: { id: string }[]) => [...new Set(rows.map((row) => row.id))];
    if (usefulStories.length > 0) {
      await tx
        .update(stories)
        .set({
          usefulCount: sql`(SELECT count(*)::int FROM ${storyUseful} WHERE ${storyUseful.storyId} = ${stories.id})`,
        })
        .where(inArray(stories.id, ids(usefulStories)));
    }
    if (usefulComments.length > 0) {
      await tx
        .update(comments)
        .set({
          usefulCount: sql`(SELECT count(*)::int FROM ${commentUseful} WHERE ${commentUseful.commentId} = ${comments.id})`,
        })
        .where(inArray(comments.id, ids(usefulComments)));
    }
    if (recognised.length > 0) {
      // As in lib/model/recognition.ts: readers who recognise at least one starting point.
      await tx
        .update(stories)
        .set({
          recognitionCount: sql`(SELECT count(DISTINCT ${storyRecognitions.userId})::int FROM ${storyRecognitions} WHERE ${storyRecognitions.storyId} = ${stories.id})`,
        })
        .where(inArray(stories.id, ids(recognised)));
    }
    if (supported.length > 0) {
      await tx
        .update(proposals)
        .set({
          supportCount: sql`(SELECT count(*)::int FROM ${proposalSupports} WHERE ${proposalSupports.proposalId} = ${proposals.id})`,
        })
        .where(inArray(proposals.id, ids(supported)));
    }

    const mail = accountDeletedMail({
      locale: isLocale(user.locale) ? user.locale : "en",
      name: user.name,
      contentKept: params.content === "keep",
    });
    await enqueueMail(tx, { to: user.email, userId: null, kind: "account-deleted", ...mail });
    return { ok: true };
  });
}

function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
