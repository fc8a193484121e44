/*
 * The rules of the conversation under a story: replies one level deep, "useful" marks with their
 * counters and notifications, the author's switch and the moderators' lock, and permalinks that
 * find a comment's page. Actions are called as the browser would, with a faked session.
 */
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import {
  comments,
  commentUseful,
  moderationActions,
  notifications,
  stories,
  storyUseful,
  type Role,
} from "@/db/schema";
import {
  COMMENTS_PAGE_SIZE,
  createComment,
  listComments,
  locateComment,
  ReplyTargetGoneError,
  softDeleteComment,
} from "@/lib/comments/queries";
import { newIdempotencyKey } from "@/lib/idempotency";
import { decide } from "@/lib/moderation/decisions";
import { createStory } from "@/lib/stories/writes";
import { newMember } from "../support/members";
import { Forbidden, NotFound, Redirect, setRequestHeaders } from "../support/next";
import { storyInput } from "../support/story-input";

const session = vi.hoisted(() => ({
  current: null as null | { user: { id: string; sessionVersion: number } },
}));

vi.mock("next-auth", async () => {
  const errors = await import("@auth/core/errors");
  return { AuthError: errors.AuthError, CredentialsSignin: errors.CredentialsSignin };
});
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => session.current,
  signIn: async () => {},
  signOut: async () => {},
}));
vi.mock("next/navigation", () => import("../support/next"));
vi.mock("next/headers", () => import("../support/next"));
vi.mock("next-intl/server", () => {
  const t = Object.assign((key: string) => key, { rich: (key: string) => key, has: () => true });
  return {
    getTranslations: async () => t,
    getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString() }),
  };
});
setRequestHeaders({ "x-forwarded-for": "192.0.2.20" });

const actions = await import("@/lib/comments/actions");
const { default: CommentPermalink } = await import("@/app/stories/[slug]/comments/[id]/page");

let n = 0;
// Decisions check the deciding account's role: moderators are made with theirs.
const member = (name: string, role?: Role) => newMember(`${name} ${++n}`, { prefix: "conversation", role });
const signIn = (who: { id: string } | null) => {
  session.current = who ? { user: { id: who.id, sessionVersion: 0 } } : null;
};
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

async function publishedStory() {
  const author = await member("Author");
  const story = await createStory({ authorId: author.id, input: storyInput(), intent: "publish" });
  return { author, story };
}

async function storyRow(storyId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      commentCount: stories.commentCount,
      usefulCount: stories.usefulCount,
      commentsClosed: stories.commentsClosed,
      lockedAt: stories.lockedAt,
    })
    .from(stories)
    .where(eq(stories.id, storyId));
  return row;
}

async function notificationsOf(userId: string) {
  const db = await getDb();
  return db
    .select({ kind: notifications.kind, data: notifications.data })
    .from(notifications)
    .where(eq(notifications.userId, userId));
}

beforeEach(() => signIn(null));

describe("replies", () => {
  it("keep threads one level deep, quote the reply they answer, and count in the story's comments", async () => {
    const { author, story } = await publishedStory();
    const ann = await member("Ann");
    const bob = await member("Bob");
    const top = await createComment({ storyId: story.id, authorId: ann.id, body: "Where did you *start*?" });
    const longAnswer = `**We started** with a [blog](https://example.org). ${"And then we kept going. ".repeat(10)}`;
    const answer = await createComment({
      storyId: story.id,
      authorId: author.id,
      body: longAnswer,
      replyToId: top.id,
    });
    const followUp = await createComment({
      storyId: story.id,
      authorId: bob.id,
      body: "Which blog software?",
      replyToId: answer.id,
    });
    const other = await createComment({ storyId: story.id, authorId: bob.id, body: "A second thread" });

    const db = await getDb();
    const stored = await db
      .select({ id: comments.id, parentId: comments.parentId, replyToId: comments.replyToId })
      .from(comments)
      .where(eq(comments.id, followUp.id));
    // A reply to a reply joins the thread of the first comment, and remembers whom it answers.
    expect(stored).toEqual([{ id: followUp.id, parentId: top.id, replyToId: answer.id }]);
    expect((await storyRow(story.id)).commentCount).toBe(4);

    const { items } = await listComments({ storyId: story.id });
    expect(items.map((thread) => thread.id)).toEqual([top.id, other.id]);
    expect(items[0].replies.map((reply) => reply.id)).toEqual([answer.id, followUp.id]);
    expect(items[1].replies).toEqual([]);
    // Answering the thread's first comment needs no quote; answering a reply quotes its plain text.
    expect(items[0].replies[0].replyTo).toBeNull();
    const quoted = items[0].replies[1].replyTo;
    expect(quoted).toMatchObject({ id: answer.id, author: { name: author.name, handle: author.handle } });
    expect(quoted?.quote?.startsWith("We started with a blog. And then")).toBe(true);
    expect(Array.from(quoted?.quote ?? "").length).toBeLessThanOrEqual(140);
    expect(quoted?.quote?.endsWith("…")).toBe(true);
  });

  it("notify the story's author and the author of the answered comment, once each", async () => {
    const { author, story } = await publishedStory();
    const ann = await member("Ann");
    const bob = await member("Bob");
    const top = await createComment({ storyId: story.id, authorId: ann.id, body: "A question" });
    expect(await notificationsOf(author.id)).toEqual([
      { kind: "comment_on_story", data: expect.objectContaining({ actorName: ann.name, commentId: top.id }) },
    ]);

    await createComment({ storyId: story.id, authorId: bob.id, body: "An answer", replyToId: top.id });
    expect((await notificationsOf(ann.id)).map((row) => row.kind)).toEqual(["reply_to_comment"]);
    expect((await notificationsOf(author.id)).map((row) => row.kind).sort()).toEqual([
      "comment_on_story",
      "comment_on_story",
    ]);
  });

  it("cannot answer a deleted or hidden comment, or one on another story", async () => {
    const { story } = await publishedStory();
    const { story: elsewhere } = await publishedStory();
    const ann = await member("Ann");
    const moderator = await member("Moderator", "moderator");
    const deleted = await createComment({ storyId: story.id, authorId: ann.id, body: "Soon gone" });
    await softDeleteComment(deleted.id);
    const hidden = await createComment({ storyId: story.id, authorId: ann.id, body: "Soon hidden" });
    await decide({
      actorId: moderator.id,
      targetType: "comment",
      targetId: hidden.id,
      decision: "hide",
      reason: "Off-topic",
    });
    const foreign = await createComment({ storyId: elsewhere.id, authorId: ann.id, body: "Elsewhere" });

    for (const replyToId of [deleted.id, hidden.id, foreign.id, "no-such-comment"]) {
      await expect(
        createComment({ storyId: story.id, authorId: ann.id, body: "A reply", replyToId }),
      ).rejects.toBeInstanceOf(ReplyTargetGoneError);
    }
    // Through the form: a clear message, and the text kept.
    signIn(ann);
    const state = await actions.postCommentAction(
      null,
      form({ storyId: story.id, replyToId: deleted.id, body: "My reply" }),
    );
    expect(state).toEqual({
      ok: false,
      fieldErrors: {},
      formError: "comments.replyGone",
      values: { body: "My reply" },
    });
    expect((await storyRow(story.id)).commentCount).toBe(0); // deleted and hidden ones are not counted; the foreign one is elsewhere
  });

  it("keep a deleted first comment as a placeholder while replies answer it", async () => {
    const { author, story } = await publishedStory();
    const ann = await member("Ann");
    const top = await createComment({ storyId: story.id, authorId: ann.id, body: "Words that go away" });
    const reply = await createComment({
      storyId: story.id,
      authorId: author.id,
      body: "A reply that stays",
      replyToId: top.id,
    });
    const lonely = await createComment({
      storyId: story.id,
      authorId: ann.id,
      body: "Deleted without replies",
    });
    await softDeleteComment(top.id);
    await softDeleteComment(lonely.id);

    const { items } = await listComments({ storyId: story.id });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: top.id, deleted: true, body: "" });
    expect(items[0].replies.map((r) => r.id)).toEqual([reply.id]);
    expect((await storyRow(story.id)).commentCount).toBe(1);

    // Once the last reply goes too, the thread is gone.
    await softDeleteComment(reply.id);
    expect((await listComments({ storyId: story.id })).items).toEqual([]);
  });

  it("are posted once when the same reply form is sent twice at once", async () => {
    const { story } = await publishedStory();
    const ann = await member("Ann");
    const top = await createComment({ storyId: story.id, authorId: ann.id, body: "First" });
    const key = newIdempotencyKey();
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        createComment({
          storyId: story.id,
          authorId: ann.id,
          body: "Once",
          replyToId: top.id,
          idempotencyKey: key,
        }),
      ),
    );
    expect(a).toEqual(b);
    expect((await listComments({ storyId: story.id })).items[0].replies).toHaveLength(1);
  });

  it("go through the comment form with the thread's rules", async () => {
    const { story } = await publishedStory();
    const ann = await member("Ann");
    const bob = await member("Bob");
    const top = await createComment({ storyId: story.id, authorId: ann.id, body: "First" });
    signIn(bob);
    expect(
      await actions.postCommentAction(null, form({ storyId: story.id, replyToId: top.id, body: "x" })),
    ).toMatchObject({ ok: false, fieldErrors: { body: expect.any(Array) } });
    expect(
      await actions.postCommentAction(
        null,
        form({ storyId: story.id, replyToId: top.id, body: "A proper reply", enhanced: "1" }),
      ),
    ).toMatchObject({ ok: true, id: expect.any(String) });
    expect((await listComments({ storyId: story.id })).items[0].replies.map((r) => r.body)).toEqual([
      "A proper reply",
    ]);
    // Without JavaScript the answer is a redirect to the new comment, not the page rendered again.
    const plain = await actions
      .postCommentAction(
        null,
        form({ storyId: story.id, replyToId: top.id, body: "A reply from a plain form" }),
      )
      .catch((error: unknown) => error);
    expect(plain).toBeInstanceOf(Redirect);
    const posted = (await listComments({ storyId: story.id })).items[0].replies.find(
      (r) => r.body === "A reply from a plain form",
    );
    expect((plain as Redirect).url).toBe(`/stories/${story.slug}/comments/${posted!.id}`);
  });
});

describe("useful", () => {
  it("is one mark per member, toggled, with the count on the story", async () => {
    const { author, story } = await publishedStory();
    const ann = await member("Ann");
    const bob = await member("Bob");
    signIn(ann);
    await actions.toggleStoryUsefulAction(form({ storyId: story.id, useful: "true" }));
    // The form says the state it wants: sent twice, it counts once.
    await actions.toggleStoryUsefulAction(form({ storyId: story.id, useful: "true" }));
    signIn(bob);
    await actions.toggleStoryUsefulAction(form({ storyId: story.id, useful: "true" }));
    expect((await storyRow(story.id)).usefulCount).toBe(2);

    await actions.toggleStoryUsefulAction(form({ storyId: story.id, useful: "false" }));
    await actions.toggleStoryUsefulAction(form({ storyId: story.id, useful: "false" }));
    expect((await storyRow(story.id)).usefulCount).toBe(1);
    const db = await getDb();
    expect(
      await db
        .select({ userId: storyUseful.userId })
        .from(storyUseful)
        .where(eq(storyUseful.storyId, story.id)),
    ).toEqual([{ userId: ann.id }]);

    // Authors see the count but cannot add to it; visitors who are not signed in are sent to sign in.
    signIn(author);
    await actions.toggleStoryUsefulAction(form({ storyId: story.id, useful: "true" }));
    signIn(null);
    await expect(
      actions.toggleStoryUsefulAction(form({ storyId: story.id, useful: "true" })),
    ).rejects.toBeInstanceOf(Redirect);
    expect((await storyRow(story.id)).usefulCount).toBe(1);
  });

  it("keeps exact counts under simultaneous clicks", async () => {
    const { story } = await publishedStory();
    const readers = await Promise.all([1, 2, 3, 4].map(() => member("Reader")));
    const { setStoryUseful } = await import("@/lib/comments/queries");
    await Promise.all(
      readers.flatMap((reader) => [
        setStoryUseful({ storyId: story.id, userId: reader.id, useful: true }),
        setStoryUseful({ storyId: story.id, userId: reader.id, useful: true }),
      ]),
    );
    expect((await storyRow(story.id)).usefulCount).toBe(4);
  });

  it("notifies the author once per member and target, however often it is toggled", async () => {
    const { author, story } = await publishedStory();
    const ann = await member("Ann");
    const comment = await createComment({
      storyId: story.id,
      authorId: author.id,
      body: "The author's own comment",
    });
    signIn(ann);
    for (const useful of ["true", "false", "true"]) {
      await actions.toggleStoryUsefulAction(form({ storyId: story.id, useful }));
      await actions.toggleCommentUsefulAction(form({ commentId: comment.id, useful }));
    }
    const received = await notificationsOf(author.id);
    expect(received.map((row) => row.kind).sort()).toEqual(["useful_comment", "useful_story"]);
    expect(received.find((row) => row.kind === "useful_comment")?.data).toMatchObject({
      actorName: ann.name,
      commentId: comment.id,
      url: `/stories/${story.slug}/comments/${comment.id}`,
    });

    // Another member's mark is news again.
    const bob = await member("Bob");
    signIn(bob);
    await actions.toggleStoryUsefulAction(form({ storyId: story.id, useful: "true" }));
    expect((await notificationsOf(author.id)).filter((row) => row.kind === "useful_story")).toHaveLength(2);
  });

  it("counts on comments, not on one's own, hidden or deleted ones", async () => {
    const { story } = await publishedStory();
    const ann = await member("Ann");
    const bob = await member("Bob");
    const moderator = await member("Moderator", "moderator");
    const comment = await createComment({ storyId: story.id, authorId: ann.id, body: "Useful, maybe" });
    const hidden = await createComment({ storyId: story.id, authorId: ann.id, body: "Hidden soon" });
    await decide({
      actorId: moderator.id,
      targetType: "comment",
      targetId: hidden.id,
      decision: "hide",
      reason: "Spam",
    });
    const deleted = await createComment({ storyId: story.id, authorId: ann.id, body: "Deleted soon" });
    await softDeleteComment(deleted.id);

    signIn(ann);
    await actions.toggleCommentUsefulAction(form({ commentId: comment.id, useful: "true" }));
    signIn(bob);
    for (const id of [comment.id, hidden.id, deleted.id])
      await actions.toggleCommentUsefulAction(form({ commentId: id, useful: "true" }));

    const db = await getDb();
    const counts = await db
      .select({ id: comments.id, usefulCount: comments.usefulCount })
      .from(comments)
      .where(eq(comments.storyId, story.id));
    expect(Object.fromEntries(counts.map((row) => [row.id, row.usefulCount]))).toEqual({
      [comment.id]: 1,
      [hidden.id]: 0,
      [deleted.id]: 0,
    });
    expect(
      await db
        .select({ userId: commentUseful.userId })
        .from(commentUseful)
        .where(eq(commentUseful.commentId, comment.id)),
    ).toEqual([{ userId: bob.id }]);
    expect(
      (await listComments({ storyId: story.id })).items.find((c) => c.id === comment.id)?.usefulCount,
    ).toBe(1);
  });
});

describe("switching comments off and locking", () => {
  it("lets the author switch comments off: no new comments, replies or edits, but everything stays readable", async () => {
    const { author, story } = await publishedStory();
    const ann = await member("Ann");
    signIn(ann);
    expect(
      await actions.postCommentAction(
        null,
        form({ storyId: story.id, body: "Before the switch", enhanced: "1" }),
      ),
    ).toMatchObject({ ok: true, id: expect.any(String) });
    const [top] = (await listComments({ storyId: story.id })).items;

    // Only the author has the switch.
    await expect(
      actions.setCommentsClosedAction(form({ storyId: story.id, closed: "true" })),
    ).rejects.toBeInstanceOf(Forbidden);
    signIn(author);
    await actions.setCommentsClosedAction(form({ storyId: story.id, closed: "true" }));
    expect((await storyRow(story.id)).commentsClosed).toBe(true);

    for (const who of [ann, author]) {
      signIn(who);
      expect(
        await actions.postCommentAction(null, form({ storyId: story.id, body: "After the switch" })),
      ).toMatchObject({ ok: false, formError: "comments.closedNote" });
      expect(
        await actions.postCommentAction(
          null,
          form({ storyId: story.id, replyToId: top.id, body: "A reply after" }),
        ),
      ).toMatchObject({ ok: false, formError: "comments.closedNote" });
    }
    signIn(ann);
    expect(
      await actions.updateCommentAction(null, form({ commentId: top.id, body: "Changed after" })),
    ).toMatchObject({ ok: false, formError: "comments.closedNote" });
    expect((await listComments({ storyId: story.id })).items.map((c) => c.body)).toEqual([
      "Before the switch",
    ]);
    // Removing one's own comment still works.
    await actions.deleteCommentAction(form({ commentId: top.id }));
    expect((await storyRow(story.id)).commentCount).toBe(0);

    signIn(author);
    await actions.setCommentsClosedAction(form({ storyId: story.id, closed: "false" }));
    signIn(ann);
    expect(
      await actions.postCommentAction(null, form({ storyId: story.id, body: "Open again", enhanced: "1" })),
    ).toMatchObject({ ok: true, id: expect.any(String) });
  });

  it("lets moderators lock a thread, binding everyone until they unlock it, and audits both", async () => {
    const { author, story } = await publishedStory();
    const ann = await member("Ann");
    const moderator = await member("Moderator", "moderator");
    const db = await getDb();

    signIn(ann);
    await expect(
      actions.setThreadLockedAction(form({ storyId: story.id, locked: "true" })),
    ).rejects.toBeInstanceOf(Forbidden);
    signIn(author);
    await expect(
      actions.setThreadLockedAction(form({ storyId: story.id, locked: "true" })),
    ).rejects.toBeInstanceOf(Forbidden);
    expect((await storyRow(story.id)).lockedAt).toBeNull();

    signIn(moderator);
    await actions.setThreadLockedAction(form({ storyId: story.id, locked: "true" }));
    await actions.setThreadLockedAction(form({ storyId: story.id, locked: "true" })); // a double click is one lock
    expect((await storyRow(story.id)).lockedAt).toBeInstanceOf(Date);

    for (const who of [ann, author, moderator]) {
      signIn(who);
      expect(
        await actions.postCommentAction(null, form({ storyId: story.id, body: "While locked" })),
      ).toMatchObject({ ok: false, formError: "comments.lockedNote" });
    }
    // The author's switch does not reopen a lock.
    signIn(author);
    await actions.setCommentsClosedAction(form({ storyId: story.id, closed: "true" }));
    await actions.setCommentsClosedAction(form({ storyId: story.id, closed: "false" }));
    expect(
      await actions.postCommentAction(null, form({ storyId: story.id, body: "Still locked" })),
    ).toMatchObject({ ok: false, formError: "comments.lockedNote" });

    signIn(moderator);
    await actions.setThreadLockedAction(form({ storyId: story.id, locked: "false" }));
    signIn(ann);
    expect(
      await actions.postCommentAction(null, form({ storyId: story.id, body: "Unlocked", enhanced: "1" })),
    ).toMatchObject({ ok: true, id: expect.any(String) });

    const audit = await db
      .select({
        action: moderationActions.action,
        actorId: moderationActions.actorId,
        before: moderationActions.before,
        after: moderationActions.after,
        targetUserId: moderationActions.targetUserId,
      })
      .from(moderationActions)
      .where(and(eq(moderationActions.targetType, "story"), eq(moderationActions.targetId, story.id)))
      .orderBy(moderationActions.createdAt);
    expect(audit).toEqual([
      {
        action: "lock",
        actorId: moderator.id,
        before: { locked: false },
        after: { locked: true },
        targetUserId: author.id,
      },
      {
        action: "unlock",
        actorId: moderator.id,
        before: { locked: true },
        after: { locked: false },
        targetUserId: author.id,
      },
    ]);
  });
});

describe("permalinks", () => {
  it("redirect to the page of comments that shows the comment's thread", async () => {
    const { author, story } = await publishedStory();
    const ids: string[] = [];
    for (let i = 0; i < COMMENTS_PAGE_SIZE * 2 + 3; i++)
      ids.push((await createComment({ storyId: story.id, authorId: author.id, body: `Comment ${i}` })).id);
    const onPageTwo = ids[COMMENTS_PAGE_SIZE + 4];
    const reply = await createComment({
      storyId: story.id,
      authorId: author.id,
      body: "A late reply on page two",
      replyToId: onPageTwo,
    });
    const onPageThree = ids[COMMENTS_PAGE_SIZE * 2 + 1];

    expect((await locateComment(ids[3]))?.cursor).toBeNull();
    for (const [id, thread] of [
      [reply.id, onPageTwo],
      [onPageThree, onPageThree],
    ]) {
      const located = await locateComment(id);
      const page = await listComments({ storyId: story.id, after: located?.cursor });
      expect(page.items.map((t) => t.id)).toContain(thread);
    }

    const redirected = await CommentPermalink({
      params: Promise.resolve({ slug: story.slug, id: reply.id }),
    }).catch((error: unknown) => error);
    expect(redirected).toBeInstanceOf(Redirect);
    const url = new URL((redirected as Redirect).url, "http://localhost");
    expect(url.pathname).toBe(`/stories/${story.slug}`);
    expect(url.hash).toBe(`#comment-${reply.id}`);
    const shown = await listComments({ storyId: story.id, after: url.searchParams.get("comments") });
    expect(shown.items.find((t) => t.id === onPageTwo)?.replies.map((r) => r.id)).toEqual([reply.id]);

    // First page: no cursor at all.
    const first = (await CommentPermalink({
      params: Promise.resolve({ slug: story.slug, id: ids[0] }),
    }).catch((error: unknown) => error)) as Redirect;
    expect(first.url).toBe(`/stories/${story.slug}#comment-${ids[0]}`);
  });

  it("are not found for deleted comments, another story's slug, or a draft seen by someone else", async () => {
    const { author, story } = await publishedStory();
    const { story: other } = await publishedStory();
    const comment = await createComment({ storyId: story.id, authorId: author.id, body: "Here" });
    const deleted = await createComment({ storyId: story.id, authorId: author.id, body: "Gone" });
    await softDeleteComment(deleted.id);
    const open = (slug: string, id: string) =>
      CommentPermalink({ params: Promise.resolve({ slug, id }) }).catch((error: unknown) => error);

    expect(await open(other.slug, comment.id)).toBeInstanceOf(NotFound);
    expect(await open(story.slug, deleted.id)).toBeInstanceOf(NotFound);
    expect(await open(story.slug, "no-such-comment")).toBeInstanceOf(NotFound);

    const db = await getDb();
    await db.update(stories).set({ status: "draft" }).where(eq(stories.id, story.id));
    expect(await open(story.slug, comment.id)).toBeInstanceOf(NotFound);
    signIn(author);
    expect(await open(story.slug, comment.id)).toBeInstanceOf(Redirect);
  });
});
