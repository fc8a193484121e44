/*
 * Notifications end to end below the UI: who hears of what (authors, answered commenters,
 * followers of a story or a starting point; never the actor, nobody twice per event), the mail
 * each member's setting asks for (one per notification at once, a daily summary, or none),
 * the unsubscribe token, and reading and settling the list. Runs on PGlite and, with
 * DATABASE_URL, on PostgreSQL, where two pools stand in for two app processes racing to send
 * the same summary.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, openDatabase } from "@/db";
import { mailOutbox, notifications, users, type EmailFrequency } from "@/db/schema";
import { createComment, setCommentUseful, setStoryUseful } from "@/lib/comments/queries";
import { rowsOf } from "@/lib/data-transfer/export";
import { workMailQueueOnce } from "@/lib/mail/worker";
import { setStoryRecognition, startingPointIdBySlug } from "@/lib/model/recognition";
import { decide } from "@/lib/moderation/decisions";
import { digestSlot, runDigestOnce } from "@/lib/notifications/digest";
import {
  listNotificationsPage,
  markNotificationRead,
  markNotificationsRead,
  setFollow,
  unreadNotificationCount,
} from "@/lib/notifications/queries";
import {
  unsubscribeToken,
  unsubscribeWithToken,
  verifyUnsubscribeToken,
} from "@/lib/notifications/unsubscribe";
import { createStory, updateStory } from "@/lib/stories/writes";
import { currentStoryVersion } from "@/lib/stories/story";
import { newMember } from "../support/members";
import { withDatabaseName } from "../support/database-url";
import { readMessage, startMailCatcher, type MailCatcher } from "../support/mail-catcher";
import { storyInput } from "../support/story-input";

const SITE = "https://vertrekpunt.test";
let catcher: MailCatcher;

beforeAll(async () => {
  process.env.SITE_URL = SITE;
  process.env.AUTH_SECRET ??= "a-secret-for-the-notification-tests-only";
  catcher = await startMailCatcher();
  process.env.SMTP_URL = catcher.url;
});

afterAll(async () => {
  delete process.env.SITE_URL;
  delete process.env.SMTP_URL;
  await catcher.close();
});

let n = 0;
const member = (name: string, options: { frequency?: EmailFrequency; locale?: "en" | "nl" } = {}) =>
  newMember(`${name} ${++n}`, {
    prefix: "notify",
    locale: options.locale,
    emailFrequency: options.frequency,
  });

async function publish(
  authorId: string,
  startingPoints = ["improving-work-practice"],
  intent: "publish" | "draft" = "publish",
) {
  return createStory({ authorId, intent, input: storyInput({ startingPoints }) });
}

async function notificationsOf(userId: string) {
  const db = await getDb();
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      data: notifications.data,
      emailedAt: notifications.emailedAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.createdAt, notifications.id);
}

const kinds = async (userId: string) => (await notificationsOf(userId)).map((row) => row.kind);

async function mailsOf(userId: string) {
  const db = await getDb();
  return db.select().from(mailOutbox).where(eq(mailOutbox.userId, userId)).orderBy(mailOutbox.createdAt);
}

const spId = async (slug: string) => (await startingPointIdBySlug(slug)) as number;

// ------------------------------------------------------------------ fan-out

describe("who is notified", () => {
  it("a comment tells the story's author, a reply the answered commenter; the commenter hears nothing", async () => {
    const author = await member("Author", { frequency: "none" });
    const ann = await member("Ann", { frequency: "none" });
    const bob = await member("Bob", { frequency: "none" });
    const story = await publish(author.id);

    const top = await createComment({
      storyId: story.id,
      authorId: ann.id,
      body: "A question for the author",
    });
    expect(await kinds(author.id)).toEqual(["comment_on_story"]);
    expect(await kinds(ann.id)).toEqual([]);
    const [notice] = await notificationsOf(author.id);
    expect(notice.data).toMatchObject({
      actorName: ann.name,
      actorId: ann.id,
      storyId: story.id,
      url: `/stories/${story.slug}/comments/${top.id}`,
    });

    // The author answers: Ann hears of the reply, the author of nothing (it is their own).
    await createComment({
      storyId: story.id,
      authorId: author.id,
      body: "An answer from the author",
      replyToId: top.id,
    });
    expect(await kinds(ann.id)).toEqual(["reply_to_comment"]);
    expect(await kinds(author.id)).toEqual(["comment_on_story"]);

    // Bob answers Ann: one notification each for Ann and the author, none for Bob.
    await createComment({
      storyId: story.id,
      authorId: bob.id,
      body: "Bob answers Ann here",
      replyToId: top.id,
    });
    expect(await kinds(ann.id)).toEqual(["reply_to_comment", "reply_to_comment"]);
    expect(await kinds(author.id)).toEqual(["comment_on_story", "comment_on_story"]);
    expect(await kinds(bob.id)).toEqual([]);
  });

  it("marking a story or comment useful tells its author, once per member", async () => {
    const author = await member("Author", { frequency: "none" });
    const ann = await member("Ann", { frequency: "none" });
    const story = await publish(author.id);
    const comment = await createComment({
      storyId: story.id,
      authorId: author.id,
      body: "The author's own note",
    });

    await setStoryUseful({ storyId: story.id, userId: ann.id, useful: true });
    await setStoryUseful({ storyId: story.id, userId: ann.id, useful: false });
    await setStoryUseful({ storyId: story.id, userId: ann.id, useful: true });
    await setCommentUseful({ commentId: comment.id, userId: ann.id, useful: true });
    // Their own story: no notification.
    await setStoryUseful({ storyId: story.id, userId: author.id, useful: true });
    expect((await kinds(author.id)).sort()).toEqual(["useful_comment", "useful_story"]);
  });

  it("a recognition tells the author once per reader and story, whatever the starting points and second thoughts", async () => {
    const author = await member("Author", { frequency: "none" });
    const ann = await member("Ann", { frequency: "none" });
    const bob = await member("Bob", { frequency: "none" });
    const story = await publish(author.id, ["improving-work-practice", "using-knowledge"]);
    const [one, two] = [await spId("improving-work-practice"), await spId("using-knowledge")];

    await setStoryRecognition({ storyId: story.id, userId: ann.id, startingPointId: one, recognised: true });
    await setStoryRecognition({ storyId: story.id, userId: ann.id, startingPointId: two, recognised: true });
    await setStoryRecognition({ storyId: story.id, userId: ann.id, startingPointId: one, recognised: false });
    await setStoryRecognition({ storyId: story.id, userId: ann.id, startingPointId: two, recognised: false });
    await setStoryRecognition({ storyId: story.id, userId: ann.id, startingPointId: one, recognised: true });
    expect(await kinds(author.id)).toEqual(["story_recognised"]);

    await setStoryRecognition({ storyId: story.id, userId: bob.id, startingPointId: two, recognised: true });
    const received = await notificationsOf(author.id);
    expect(received.map((row) => (row.data as { actorId: string }).actorId)).toEqual([ann.id, bob.id]);
    expect(received[0].data).toMatchObject({
      storyId: story.id,
      storyTitle: expect.any(String),
      url: `/stories/${story.slug}`,
    });
  });

  it("a new comment tells the story's followers, except the commenter and whoever already heard of it", async () => {
    const author = await member("Author", { frequency: "none" });
    const ann = await member("Ann", { frequency: "none" });
    const follower = await member("Follower", { frequency: "none" });
    const story = await publish(author.id);
    for (const who of [author, ann, follower])
      await setFollow({ userId: who.id, target: "story", id: story.id, follow: true });

    const top = await createComment({ storyId: story.id, authorId: ann.id, body: "Ann starts a thread" });
    expect(await kinds(follower.id)).toEqual(["comment_on_followed_story"]);
    // The author hears as the author, not a second time as a follower; Ann wrote it.
    expect(await kinds(author.id)).toEqual(["comment_on_story"]);
    expect(await kinds(ann.id)).toEqual([]);
    expect((await notificationsOf(follower.id))[0].data).toMatchObject({
      actorName: ann.name,
      commentId: top.id,
      url: `/stories/${story.slug}/comments/${top.id}`,
    });

    // The follower answers Ann: Ann hears of the reply only, the follower of nothing.
    await createComment({
      storyId: story.id,
      authorId: follower.id,
      body: "The follower answers",
      replyToId: top.id,
    });
    expect(await kinds(ann.id)).toEqual(["reply_to_comment"]);
    expect(await kinds(follower.id)).toEqual(["comment_on_followed_story"]);
    expect(await kinds(author.id)).toEqual(["comment_on_story", "comment_on_story"]);

    // After unfollowing, nothing more.
    await setFollow({ userId: follower.id, target: "story", id: story.id, follow: false });
    await createComment({ storyId: story.id, authorId: ann.id, body: "Ann again, later on" });
    expect(await kinds(follower.id)).toEqual(["comment_on_followed_story"]);
  });

  it("a story's first publication tells the followers of its starting points once, never its author", async () => {
    const author = await member("Author", { frequency: "none" });
    const both = await member("FollowsBoth", { frequency: "none" });
    const other = await member("FollowsOther", { frequency: "none" });
    await setFollow({
      userId: both.id,
      target: "startingPoint",
      id: String(await spId("using-knowledge")),
      follow: true,
    });
    await setFollow({
      userId: both.id,
      target: "startingPoint",
      id: String(await spId("improving-work-practice")),
      follow: true,
    });
    await setFollow({
      userId: other.id,
      target: "startingPoint",
      id: String(await spId("learning-with-outside-world")),
      follow: true,
    });
    await setFollow({
      userId: author.id,
      target: "startingPoint",
      id: String(await spId("using-knowledge")),
      follow: true,
    });

    const story = await publish(author.id, ["using-knowledge", "improving-work-practice"]);
    const received = await notificationsOf(both.id);
    expect(received.map((row) => row.kind)).toEqual(["story_in_followed_starting_point"]);
    // The first of the follower's starting points in model order, named in both languages.
    expect(received[0].data).toMatchObject({
      actorName: author.name,
      storyId: story.id,
      url: `/stories/${story.slug}`,
      startingPoint: "improving-work-practice",
      startingPointNames: { en: "Improving the work practice", nl: expect.any(String) },
    });
    expect(await kinds(other.id)).toEqual([]);
    expect(await kinds(author.id)).toEqual([]);
  });

  it("a draft tells nobody until it is published; later edits and publishing again tell nobody", async () => {
    const author = await member("Author", { frequency: "none" });
    const follower = await member("Follower", { frequency: "none" });
    await setFollow({
      userId: follower.id,
      target: "startingPoint",
      id: String(await spId("collaborating-across-boundaries")),
      follow: true,
    });
    const input = storyInput({ startingPoints: ["collaborating-across-boundaries"] });
    const story = await createStory({ authorId: author.id, intent: "draft", input });
    expect(await kinds(follower.id)).toEqual([]);

    const save = async (intent: "publish" | "draft") =>
      expect(
        await updateStory({
          storyId: story.id,
          expectedVersion: (await currentStoryVersion(story.id)) as number,
          input,
          intent,
        }),
      ).toMatchObject({ ok: true });
    await save("publish");
    expect(await kinds(follower.id)).toEqual(["story_in_followed_starting_point"]);
    await save("publish");
    await save("draft");
    await save("publish");
    expect(await kinds(follower.id)).toEqual(["story_in_followed_starting_point"]);
  });

  it("a story waiting for approval tells the followers when a moderator approves it", async () => {
    const author = await member("Author", { frequency: "none" });
    const moderator = await member("Moderator", { frequency: "none" });
    const follower = await member("Follower", { frequency: "none" });
    await setFollow({
      userId: follower.id,
      target: "startingPoint",
      id: String(await spId("learning-with-outside-world")),
      follow: true,
    });
    const story = await createStory({
      authorId: author.id,
      intent: "publish",
      publishAs: "pending",
      input: storyInput({ startingPoints: ["learning-with-outside-world"] }),
    });
    expect(await kinds(follower.id)).toEqual([]);

    // Decisions check the deciding account's role.
    await (await getDb()).update(users).set({ role: "moderator" }).where(eq(users.id, moderator.id));
    expect(
      await decide({
        actorId: moderator.id,
        targetType: "story",
        targetId: story.id,
        decision: "approve",
        reason: "",
      }),
    ).toEqual({ ok: true });
    expect(await kinds(follower.id)).toEqual(["story_in_followed_starting_point"]);
    expect(await kinds(author.id)).toEqual(["moderation"]);
  });

  it("reaches thousands of followers in one statement", async () => {
    const author = await member("Author", { frequency: "none" });
    const db = await getDb();
    const sp = await spId("improving-work-practice");
    const tag = `bulk-${Date.now()}`;
    // Followers made in bulk: the fan-out, not the set-up, is what is measured here.
    await db.execute(sql`
      INSERT INTO users (id, name, email, handle, email_frequency)
      SELECT gen_random_uuid()::text, 'Bulk ' || i, ${tag}::text || '-' || i || '@example.org', ${tag}::text || '-' || i, 'none'::email_frequency
      FROM generate_series(1, 2000) AS i`);
    await db.execute(sql`
      INSERT INTO starting_point_follows (user_id, starting_point_id)
      SELECT id, ${sp}::int FROM users WHERE handle LIKE ${`${tag}-%`}::text`);
    const story = await publish(author.id, ["improving-work-practice"]);
    const [{ count }] = rowsOf<{ count: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS count FROM notifications WHERE data->>'storyId' = ${story.id} AND kind = 'story_in_followed_starting_point'`,
      ),
    );
    expect(count).toBeGreaterThanOrEqual(2000);
  });
});

// ------------------------------------------------------------------ mail

describe("mail at once", () => {
  it("queues one mail per notification in the member's language, with unsubscribe headers, sent once after a refusal", async () => {
    const author = await member("Auteur", { locale: "nl" });
    const ann = await member("Ann", { frequency: "none" });
    const story = await publish(author.id);
    const comment = await createComment({
      storyId: story.id,
      authorId: ann.id,
      body: "Een vraag aan de auteur",
    });

    const [notice] = await notificationsOf(author.id);
    expect(notice.emailedAt).toBeInstanceOf(Date);
    const mails = await mailsOf(author.id);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const token = unsubscribeToken(author.id);
    expect(mail).toMatchObject({
      kind: "notification",
      dedupeKey: `notification:${notice.id}`,
      status: "pending",
    });
    expect(mail.subject).toBe(
      `${ann.name} reageerde op je verhaal “${(notice.data as { storyTitle: string }).storyTitle}”`,
    );
    expect(mail.textBody).toContain(`${SITE}/notifications/${notice.id}`);
    expect(mail.textBody).toContain(`${SITE}/unsubscribe/${token}`);
    expect(mail.textBody).toContain(`${SITE}/settings/notifications`);
    expect(mail.headers).toEqual({
      "List-Unsubscribe": `<${SITE}/unsubscribe/${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(comment.id).toBeTruthy();
    // Ann wants no mail.
    await createComment({
      storyId: story.id,
      authorId: author.id,
      body: "Een antwoord voor Ann",
      replyToId: comment.id,
    });
    expect(await mailsOf(ann.id)).toEqual([]);
    expect((await notificationsOf(ann.id))[0].emailedAt).toBeNull();

    // The mail server refuses once; the retry delivers it, once, headers intact.
    await (await getDb()).delete(mailOutbox).where(ne(mailOutbox.id, mail.id));
    catcher.received.length = 0;
    catcher.refuseNext(1);
    const start = new Date(Date.now() + 1000);
    await workMailQueueOnce({ now: start });
    expect(catcher.received.filter((m) => m.to.includes(mail.toAddress))).toHaveLength(0);
    await workMailQueueOnce({ now: new Date(start.getTime() + 30_000) });
    await workMailQueueOnce({ now: new Date(start.getTime() + 3_600_000) });
    const delivered = catcher.received.filter((m) => m.to.includes(mail.toAddress));
    expect(delivered).toHaveLength(1);
    const message = readMessage(delivered[0].raw);
    expect(message.headers.get("list-unsubscribe")).toContain(`${SITE}/unsubscribe/${token}`);
    expect(String(message.headers.get("list-unsubscribe-post"))).toBe("List-Unsubscribe=One-Click");
  });

  it("mails each of many followers once, and nobody who chose a summary or no mail", async () => {
    const author = await member("Author", { frequency: "none" });
    const now = await member("AtOnce");
    const daily = await member("Daily", { frequency: "daily" });
    const none = await member("NoMail", { frequency: "none" });
    const sp = String(await spId("using-knowledge"));
    for (const who of [now, daily, none])
      await setFollow({ userId: who.id, target: "startingPoint", id: sp, follow: true });
    await publish(author.id, ["using-knowledge"]);

    expect((await mailsOf(now.id)).map((m) => m.kind)).toEqual(["notification"]);
    expect(await mailsOf(daily.id)).toEqual([]);
    expect(await mailsOf(none.id)).toEqual([]);
    expect((await notificationsOf(daily.id))[0].emailedAt).toBeNull();
  });
});

describe("the daily summary", () => {
  /** Three notifications for a member who wants a summary: a comment, a recognition, a new story where they follow. */
  async function dailyMemberWithNotifications() {
    const reader = await member("DailyReader", { frequency: "daily" });
    const ann = await member("Ann", { frequency: "none" });
    const story = await publish(reader.id, ["improving-work-practice"]);
    await createComment({ storyId: story.id, authorId: ann.id, body: "A comment for the summary" });
    await setStoryRecognition({
      storyId: story.id,
      userId: ann.id,
      startingPointId: await spId("improving-work-practice"),
      recognised: true,
    });
    await setFollow({
      userId: reader.id,
      target: "startingPoint",
      id: String(await spId("collaborating-across-boundaries")),
      follow: true,
    });
    await publish(ann.id, ["collaborating-across-boundaries"]);
    expect(await kinds(reader.id)).toEqual([
      "comment_on_story",
      "story_recognised",
      "story_in_followed_starting_point",
    ]);
    expect(await mailsOf(reader.id)).toEqual([]);
    return { reader, ann, story };
  }

  it("collects a day's notifications into one mail, and the next day's into the next", async () => {
    const { reader, ann, story } = await dailyMemberWithNotifications();
    const at = new Date(Date.now() + 1000);
    await runDigestOnce({ now: at });

    const [mail, ...rest] = await mailsOf(reader.id);
    expect(rest).toEqual([]);
    const notices = await notificationsOf(reader.id);
    expect(mail).toMatchObject({
      kind: "notification-digest",
      dedupeKey: `digest:${reader.id}:${digestSlot(at).toISOString().slice(0, 10)}`,
    });
    expect(mail.subject).toBe("3 new notifications on Vertrekpunt");
    for (const notice of notices) expect(mail.textBody).toContain(`${SITE}/notifications/${notice.id}`);
    expect(mail.textBody).toContain(`${ann.name} commented on your story`);
    expect(mail.headers["List-Unsubscribe"]).toBe(`<${SITE}/unsubscribe/${unsubscribeToken(reader.id)}>`);
    expect(notices.every((notice) => notice.emailedAt !== null)).toBe(true);

    // Later the same day: nothing new is sent, even with something new.
    await createComment({ storyId: story.id, authorId: ann.id, body: "A second comment, the same day" });
    await runDigestOnce({ now: new Date(at.getTime() + 1000) });
    expect(await mailsOf(reader.id)).toHaveLength(1);

    // The next day: only the new one.
    await runDigestOnce({ now: new Date(at.getTime() + 86_400_000) });
    const mails = await mailsOf(reader.id);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe("1 new notification on Vertrekpunt");
    expect(mails[1].textBody).toContain(`${ann.name} commented on your story`);
    expect(mails[1].textBody).not.toContain("recognises a starting point");
    expect((await notificationsOf(reader.id)).every((notice) => notice.emailedAt !== null)).toBe(true);
  });

  it("leaves out what the member already read, and sends nothing when all is read", async () => {
    const { reader } = await dailyMemberWithNotifications();
    await markNotificationsRead(reader.id);
    await runDigestOnce({ now: new Date(Date.now() + 1000) });
    expect(await mailsOf(reader.id)).toEqual([]);
    // Nothing was sent, so the day is not used up.
    const [row] = await (
      await getDb()
    )
      .select({ digestSentAt: users.digestSentAt })
      .from(users)
      .where(eq(users.id, reader.id));
    expect(row.digestSentAt).toBeNull();
  });

  it("sends no summary to members who want each mail at once or none", async () => {
    const story = await publish((await member("Author", { frequency: "none" })).id);
    const none = await member("NoMail", { frequency: "none" });
    await setFollow({ userId: none.id, target: "story", id: story.id, follow: true });
    await createComment({
      storyId: story.id,
      authorId: (await member("Ann", { frequency: "none" })).id,
      body: "Something to hear about",
    });
    expect(await kinds(none.id)).toEqual(["comment_on_followed_story"]);
    await runDigestOnce({ now: new Date(Date.now() + 1000) });
    expect(await mailsOf(none.id)).toEqual([]);
  });

  it("never sends a summary twice, or a notification in two, when two runs race", async () => {
    const { reader } = await dailyMemberWithNotifications();
    const at = new Date(Date.now() + 1000);
    await Promise.all([runDigestOnce({ now: at }), runDigestOnce({ now: at }), runDigestOnce({ now: at })]);
    expect(await mailsOf(reader.id)).toHaveLength(1);
  });

  it.runIf(process.env.DATABASE_URL)(
    "never sends a summary twice when two app processes race on one PostgreSQL",
    async () => {
      const db = await getDb();
      const [{ name }] = rowsOf<{ name: string }>(await db.execute(sql`SELECT current_database() AS name`));
      const other = await openDatabase({
        databaseUrl: withDatabaseName(process.env.DATABASE_URL as string, name),
      });
      try {
        const readers = [];
        for (let i = 0; i < 4; i++) readers.push(await dailyMemberWithNotifications());
        const at = new Date(Date.now() + 1000);
        await Promise.all([
          runDigestOnce({ now: at }),
          runDigestOnce({ now: at, database: other }),
          runDigestOnce({ now: at }),
          runDigestOnce({ now: at, database: other }),
        ]);
        for (const { reader } of readers) expect(await mailsOf(reader.id)).toHaveLength(1);
        const ids = readers.map(({ reader }) => reader.id);
        const mails = await db
          .select({ userId: mailOutbox.userId })
          .from(mailOutbox)
          .where(and(inArray(mailOutbox.userId, ids), eq(mailOutbox.kind, "notification-digest")));
        expect(mails).toHaveLength(4);
      } finally {
        await other.close();
      }
    },
  );

  it("is due once a day at DIGEST_HOUR_UTC", () => {
    expect(digestSlot(new Date("2026-03-10T05:59:00Z"), 6).toISOString()).toBe("2026-03-09T06:00:00.000Z");
    expect(digestSlot(new Date("2026-03-10T06:00:00Z"), 6).toISOString()).toBe("2026-03-10T06:00:00.000Z");
    expect(digestSlot(new Date("2026-03-10T23:00:00Z"), 6).toISOString()).toBe("2026-03-10T06:00:00.000Z");
  });
});

describe("unsubscribing", () => {
  it("accepts the member's own token only, and turns their mail off", async () => {
    const ann = await member("Ann");
    const bob = await member("Bob");
    const token = unsubscribeToken(ann.id);
    expect(token).toMatch(/^[^.]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(token)).toBe(ann.id);

    const [id, mac] = [token.slice(0, token.lastIndexOf(".")), token.slice(token.lastIndexOf(".") + 1)];
    const tampered = `${id}.${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;
    expect(verifyUnsubscribeToken(tampered)).toBeNull();
    // Ann's signature does not work for Bob, nor Bob's for Ann.
    expect(verifyUnsubscribeToken(`${bob.id}.${mac}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${id}.${unsubscribeToken(bob.id).split(".").at(-1)}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${id}.${mac.slice(0, -1)}`)).toBeNull();
    expect(verifyUnsubscribeToken("")).toBeNull();
    expect(verifyUnsubscribeToken(id)).toBeNull();

    expect(await unsubscribeWithToken(tampered)).toBe(false);
    expect(await unsubscribeWithToken(token)).toBe(true);
    const frequency = async (userId: string) =>
      (await (await getDb()).select({ f: users.emailFrequency }).from(users).where(eq(users.id, userId)))[0]
        .f;
    expect(await frequency(ann.id)).toBe("none");
    expect(await frequency(bob.id)).toBe("immediate");
  });
});

// ------------------------------------------------------------------ reading

describe("the list", () => {
  it("pages newest first by keyset, counts unread ones, and marks only the member's own read", async () => {
    const owner = await member("Owner", { frequency: "none" });
    const stranger = await member("Stranger", { frequency: "none" });
    const db = await getDb();
    const base = Date.now() - 3_600_000;
    await db.insert(notifications).values(
      Array.from({ length: 35 }, (_, i) => ({
        userId: owner.id,
        kind: "comment_on_story",
        data: { actorName: "Someone", storyTitle: `Story ${i}`, url: `/stories/s-${i}` },
        createdAt: new Date(base + i * 1000),
      })),
    );
    expect(await unreadNotificationCount(owner.id)).toBe(35);

    const first = await listNotificationsPage({ userId: owner.id });
    expect(first.items).toHaveLength(30);
    expect(first.items[0].data.storyTitle).toBe("Story 34");
    expect(first.newer).toBeNull();
    const second = await listNotificationsPage({ userId: owner.id, after: first.older });
    expect(second.items.map((item) => item.data.storyTitle)).toEqual([
      "Story 4",
      "Story 3",
      "Story 2",
      "Story 1",
      "Story 0",
    ]);
    expect(second.older).toBeNull();
    const back = await listNotificationsPage({ userId: owner.id, before: second.newer });
    expect(back.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));

    const target = first.items[3];
    expect(await markNotificationRead({ userId: stranger.id, id: target.id })).toBeUndefined();
    expect(await unreadNotificationCount(owner.id)).toBe(35);
    expect(await markNotificationRead({ userId: owner.id, id: target.id })).toEqual({ url: "/stories/s-31" });
    expect(await unreadNotificationCount(owner.id)).toBe(34);
    await markNotificationsRead(stranger.id);
    expect(await unreadNotificationCount(owner.id)).toBe(34);
    await markNotificationsRead(owner.id);
    expect(await unreadNotificationCount(owner.id)).toBe(0);
  });

  it("never leads elsewhere than the site", async () => {
    const owner = await member("Owner", { frequency: "none" });
    const db = await getDb();
    const [row] = await db
      .insert(notifications)
      .values({
        userId: owner.id,
        kind: "comment_on_story",
        data: { actorName: "X", storyTitle: "Y", url: "//evil.example/path" },
      })
      .returning({ id: notifications.id });
    expect(await markNotificationRead({ userId: owner.id, id: row.id })).toEqual({ url: null });
  });
});
