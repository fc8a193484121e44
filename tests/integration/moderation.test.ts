import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { verifyCredentials, type AuthenticatedUser } from "@/lib/auth/credentials";
import { createComment, listComments } from "@/lib/comments/queries";
import { createMember } from "@/lib/members/queries";
import { auditLog, publicLog } from "@/lib/moderation/logs";
import { createReport } from "@/lib/moderation/reports";
import { decide } from "@/lib/moderation/decisions";
import { listNotifications, unreadNotificationCount } from "@/lib/notifications/queries";
import { needsApproval, setSetting } from "@/lib/admin/settings";
import { pendingStories, reviewQueue } from "@/lib/moderation/queue";
import { setRole } from "@/lib/admin/roles";
import { countPublishedStories } from "@/lib/stories/listing";
import { createStory } from "@/lib/stories/writes";
import { getStoryBySlug } from "@/lib/stories/story";
import { newMember } from "../support/members";
import { storyInput } from "../support/story-input";

const member = (name = "Moderation Tester") => newMember(name, { prefix: "moderation" });

/** A member made moderator: decisions check the deciding account's role. */
const moderatorMember = (name: string) => newMember(name, { prefix: "moderation", role: "moderator" });

const role = async (id: string) =>
  (await (await getDb()).select({ role: users.role }).from(users).where(eq(users.id, id)))[0].role;

describe("roles", () => {
  it("makes exactly one of several simultaneous first sign-ups admin, and keeps the last admin", async () => {
    const made = await Promise.all(
      [1, 2, 3].map((i) =>
        createMember({
          name: `First ${i}`,
          email: `first-${i}-${Date.now()}@example.org`,
          passwordHash: "x",
          firstBecomesAdmin: true,
        }),
      ),
    );
    const roles = await Promise.all(made.map((m) => role(m.id)));
    expect(roles.filter((r) => r === "admin")).toHaveLength(1);
    const later = await createMember({
      name: "Later",
      email: `later-${Date.now()}@example.org`,
      passwordHash: "x",
      firstBecomesAdmin: true,
    });
    expect(await role(later.id)).toBe("member");

    const admin = made[roles.indexOf("admin")];
    expect(await setRole({ actorId: admin.id, userId: admin.id, role: "member" })).toEqual({
      ok: false,
      reason: "last_admin",
    });
    expect(await setRole({ actorId: admin.id, userId: later.id, role: "moderator" })).toEqual({ ok: true });
    expect(await role(later.id)).toBe("moderator");
    const audit = await auditLog();
    expect(audit.items[0]).toMatchObject({
      action: "set_role",
      before: { role: "member" },
      after: { role: "moderator" },
    });
    // Role changes are not part of the public log.
    expect((await publicLog()).items.some((item) => item.action === "set_role")).toBe(false);
  });
});

describe("reports", () => {
  it("hides a story reported by three different members until a moderator dismisses the reports", async () => {
    const author = await member("Reported Author");
    const story = await createStory({ authorId: author.id, input: storyInput(), intent: "publish" });
    const [a, b, c, moderator] = await Promise.all([
      member(),
      member(),
      member(),
      moderatorMember("A Moderator"),
    ]);
    const before = await countPublishedStories();

    expect(
      await createReport({
        targetType: "story",
        targetId: story.id,
        reporterId: author.id,
        reason: "spam",
        note: "",
      }),
    ).toEqual({ ok: false, reason: "own" });
    expect(
      await createReport({
        targetType: "story",
        targetId: story.id,
        reporterId: a.id,
        reason: "spam",
        note: "",
      }),
    ).toEqual({ ok: true, autoHidden: false });
    // The same member twice still counts once.
    await createReport({
      targetType: "story",
      targetId: story.id,
      reporterId: a.id,
      reason: "spam",
      note: "again",
    });
    expect(
      await createReport({
        targetType: "story",
        targetId: story.id,
        reporterId: b.id,
        reason: "offensive",
        note: "Rude",
      }),
    ).toEqual({ ok: true, autoHidden: false });
    expect((await getStoryBySlug(story.slug, "en"))?.status).toBe("published");
    const third = await createReport({
      targetType: "story",
      targetId: story.id,
      reporterId: c.id,
      reason: "other",
      note: "Looks like an advert",
    });
    expect(third).toEqual({ ok: true, autoHidden: true });
    expect((await getStoryBySlug(story.slug, "en"))?.status).toBe("hidden");
    expect(await countPublishedStories()).toBe(before - 1);
    expect(await unreadNotificationCount(author.id)).toBe(1);

    const queue = await reviewQueue();
    const item = queue.find((q) => q.target.id === story.id);
    expect(item).toMatchObject({
      reporters: 3,
      target: { state: "hidden", type: "story" },
      author: { handle: author.handle, history: { stories: 1 } },
    });
    expect(item?.notes.map((note) => note.note)).toEqual(["Rude", "Looks like an advert"]);
    // Reporters stay anonymous, even to moderators.
    expect(JSON.stringify(item)).not.toContain(a.id);

    expect(
      await decide({
        actorId: moderator.id,
        targetType: "story",
        targetId: story.id,
        decision: "dismiss",
        reason: "",
      }),
    ).toEqual({ ok: true });
    expect((await getStoryBySlug(story.slug, "en"))?.status).toBe("published");
    expect((await reviewQueue()).find((q) => q.target.id === story.id)).toBeUndefined();
    expect(
      (await publicLog()).items.find((entry) => entry.targetLabel === (item?.target.label ?? "")),
    ).toMatchObject({ action: "auto_hide", actor: null });
  });

  it("hides and restores a comment with a reason its author is told, keeping the count right", async () => {
    const author = await member();
    const commenter = await member("Commenter");
    const moderator = await moderatorMember("Comment Moderator");
    const story = await createStory({ authorId: author.id, input: storyInput(), intent: "publish" });
    const comment = await createComment({
      storyId: story.id,
      authorId: commenter.id,
      body: "Buy cheap pills",
    });
    await createComment({ storyId: story.id, authorId: author.id, body: "Thanks" });
    expect((await getStoryBySlug(story.slug, "en"))?.commentCount).toBe(2);

    await expect(
      decide({
        actorId: moderator.id,
        targetType: "comment",
        targetId: comment.id,
        decision: "hide",
        reason: "Advertising",
      }),
    ).resolves.toEqual({ ok: true });
    expect((await getStoryBySlug(story.slug, "en"))?.commentCount).toBe(1);
    const listed = (await listComments({ storyId: story.id })).items.find((c) => c.id === comment.id);
    expect(listed?.hidden).toEqual({ reason: "Advertising", at: expect.any(Date) });
    const [notice] = await listNotifications(commenter.id);
    expect(notice.data).toMatchObject({ decision: "hide", reason: "Advertising", targetType: "comment" });

    // Hiding twice is not a second decision.
    expect(
      await decide({
        actorId: moderator.id,
        targetType: "comment",
        targetId: comment.id,
        decision: "hide",
        reason: "Again",
      }),
    ).toEqual({ ok: false, reason: "not_applicable" });
    await decide({
      actorId: moderator.id,
      targetType: "comment",
      targetId: comment.id,
      decision: "restore",
      reason: "",
    });
    expect((await getStoryBySlug(story.slug, "en"))?.commentCount).toBe(2);
    const audit = (await auditLog()).items.filter(
      (entry) => entry.action === "hide" || entry.action === "restore",
    );
    expect(audit[0]).toMatchObject({
      action: "restore",
      before: { state: "hidden" },
      after: { state: "published" },
    });
  });
});

describe("suspension", () => {
  it("stops sign-in with the right password, ends sessions, and is lifted again", async () => {
    const target = await newMember("Suspended Member", {
      prefix: "suspended",
      password: "correct horse battery",
    });
    const { email } = target;
    const moderator = await moderatorMember("Suspending Moderator");
    const before = await verifyCredentials({ email, password: "correct horse battery" });
    expect((before as AuthenticatedUser).sessionVersion).toBe(0);

    await decide({
      actorId: moderator.id,
      targetType: "member",
      targetId: target.id,
      decision: "suspend",
      reason: "Spamming",
      period: "7",
    });
    expect(await verifyCredentials({ email, password: "correct horse battery" })).toBe("suspended");
    // A wrong password still fails the same way as for anyone else.
    expect(await verifyCredentials({ email, password: "wrong password here" })).toBeNull();
    const [row] = await (
      await getDb()
    )
      .select({ sv: users.sessionVersion, until: users.suspendedUntil })
      .from(users)
      .where(eq(users.id, target.id));
    expect(row.sv).toBe(1);
    expect(row.until!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect((await publicLog()).items[0]).toMatchObject({
      action: "suspend",
      targetLabel: `@${target.handle}`,
      reason: "Spamming",
    });

    await decide({
      actorId: moderator.id,
      targetType: "member",
      targetId: target.id,
      decision: "unsuspend",
      reason: "",
    });
    expect(
      ((await verifyCredentials({ email, password: "correct horse battery" })) as AuthenticatedUser)
        .sessionVersion,
    ).toBe(1);
  });
});

describe("approval of new members' stories", () => {
  it("holds the first two stories of a new member when the admin turns it on", async () => {
    const newcomer = await member("Newcomer");
    const moderator = await moderatorMember("Approving Moderator");
    expect(await needsApproval({ id: newcomer.id, role: "member" })).toBe(false);
    await setSetting({ actorId: moderator.id, key: "approveNewMembersStories", value: true });
    expect(await needsApproval({ id: newcomer.id, role: "member" })).toBe(true);
    expect(await needsApproval({ id: moderator.id, role: "moderator" })).toBe(false);

    const story = await createStory({
      authorId: newcomer.id,
      input: storyInput(),
      intent: "publish",
      publishAs: "pending",
    });
    expect(await getStoryBySlug(story.slug, "en")).toMatchObject({ status: "pending", publishedAt: null });
    expect((await pendingStories()).map((p) => p.target.id)).toContain(story.id);
    await decide({
      actorId: moderator.id,
      targetType: "story",
      targetId: story.id,
      decision: "approve",
      reason: "",
    });
    const approved = await getStoryBySlug(story.slug, "en");
    expect(approved?.status).toBe("published");
    expect(approved?.publishedAt).toBeInstanceOf(Date);

    const second = await createStory({
      authorId: newcomer.id,
      input: storyInput(),
      intent: "publish",
      publishAs: "pending",
    });
    await decide({
      actorId: moderator.id,
      targetType: "story",
      targetId: second.id,
      decision: "reject",
      reason: "Please add what happened next",
    });
    expect(await getStoryBySlug(second.slug, "en")).toMatchObject({
      status: "draft",
      moderationReason: "Please add what happened next",
    });
    expect(await needsApproval({ id: newcomer.id, role: "member" })).toBe(true);
    await setSetting({ actorId: moderator.id, key: "approveNewMembersStories", value: false });
  });
});
