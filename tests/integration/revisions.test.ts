import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { stories, storyRevisions, type Role } from "@/db/schema";
import { canSeeHistory } from "@/lib/auth/permissions";
import { createStory, restoreRevision, updateStory } from "@/lib/stories/writes";
import { getRevision, storyHistory } from "@/lib/stories/history";
import { getStoryBySlug } from "@/lib/stories/story";
import { newMember } from "../support/members";
import { storyInput } from "../support/story-input";

let n = 0;
const member = (role: Role = "member") => newMember(`Reviser ${++n}`, { prefix: "revisions", role });

async function revisionCount(storyId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(storyRevisions)
    .where(eq(storyRevisions.storyId, storyId));
  return Number(row.n);
}

async function load(slug: string) {
  const story = await getStoryBySlug(slug, "en");
  if (!story) throw new Error(`story ${slug} is gone`);
  return story;
}

const versions = async (slug: string) => (await storyHistory(await load(slug))).map((entry) => entry.version);

describe("story revisions", () => {
  it("keeps the previous version of a published story on every edit", async () => {
    const author = await member();
    const original = storyInput({
      title: "The original title",
      body: "The original body, which is long enough to be a story of its own.",
      tools: ["blog"],
    });
    const { id, slug } = await createStory({ authorId: author.id, input: original, intent: "publish" });
    const published = await load(slug);
    expect(published.editedAt).toBeNull();
    expect(await versions(slug)).toEqual([1]);

    const result = await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: storyInput({ title: "The edited title", startingPoints: ["using-knowledge"] }),
      intent: "publish",
      editorId: author.id,
    });
    expect(result).toEqual({ ok: true, slug });

    const edited = await load(slug);
    expect(edited.title).toBe("The edited title");
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect(edited.publishedAt?.getTime()).toBe(published.publishedAt?.getTime());

    const kept = await getRevision(id, 1);
    expect(kept).toMatchObject({
      version: 1,
      title: "The original title",
      body: original.body,
      tools: ["blog"],
      startingPoints: ["improving-work-practice"],
    });
    const history = await storyHistory(edited);
    expect(history.map((entry) => [entry.version, entry.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(history[1].savedAt.getTime()).toBe(published.updatedAt.getTime());
  });

  it("keeps no history of a draft's edits; the first publication is not an edit", async () => {
    const author = await member();
    const { id, slug } = await createStory({
      authorId: author.id,
      input: storyInput({ title: "Draft one" }),
      intent: "draft",
    });
    await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: storyInput({ title: "Draft two" }),
      intent: "draft",
      editorId: author.id,
    });
    expect(await revisionCount(id)).toBe(0);

    await updateStory({
      storyId: id,
      expectedVersion: 2,
      input: storyInput({ title: "Now public" }),
      intent: "publish",
      editorId: author.id,
    });
    const story = await load(slug);
    expect(story.status).toBe("published");
    expect(story.editedAt).toBeNull();
    // Only the version readers can see is kept; the drafts before it are not.
    expect(await versions(slug)).toEqual([3]);
    expect(await getRevision(id, 2)).toBeNull();
    expect((await getRevision(id, 3))?.title).toBe("Now public");
  });

  it("credits each version to whoever saved it", async () => {
    const author = await member();
    const moderator = await member("moderator");
    const { id, slug } = await createStory({ authorId: author.id, input: storyInput(), intent: "publish" });
    await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: storyInput({ title: "Tidied by a moderator" }),
      intent: "publish",
      editorId: moderator.id,
    });
    await updateStory({
      storyId: id,
      expectedVersion: 2,
      input: storyInput({ title: "The author again" }),
      intent: "publish",
      editorId: author.id,
    });

    const db = await getDb();
    const rows = await db
      .select({ version: storyRevisions.version, savedById: storyRevisions.savedById })
      .from(storyRevisions)
      .where(eq(storyRevisions.storyId, id))
      .orderBy(storyRevisions.version);
    expect(rows).toEqual([
      { version: 1, savedById: author.id },
      { version: 2, savedById: moderator.id },
      { version: 3, savedById: author.id },
    ]);
    expect((await storyHistory(await load(slug))).map((entry) => entry.savedBy?.name)).toEqual([
      expect.stringMatching(/^Reviser/),
      expect.stringMatching(/^Reviser/),
      expect.stringMatching(/^Reviser/),
    ]);
  });

  it("keeps the history of a hidden story too", async () => {
    const author = await member();
    const { id } = await createStory({
      authorId: author.id,
      input: storyInput({ title: "Before hiding" }),
      intent: "publish",
    });
    await (await getDb()).update(stories).set({ status: "hidden" }).where(eq(stories.id, id));
    await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: storyInput({ title: "Edited while hidden" }),
      intent: "publish",
      editorId: author.id,
    });
    expect((await getRevision(id, 1))?.title).toBe("Before hiding");
    expect((await getRevision(id, 2))?.title).toBe("Edited while hidden");
  });
});

describe("concurrent edits", () => {
  it("refuses a save based on an old version and writes no revision for it", async () => {
    const author = await member();
    const { id, slug } = await createStory({ authorId: author.id, input: storyInput(), intent: "publish" });
    await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: storyInput({ title: "First tab" }),
      intent: "publish",
      editorId: author.id,
    });
    const before = await revisionCount(id);

    const stale = await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: storyInput({ title: "Second tab" }),
      intent: "publish",
      editorId: author.id,
    });
    expect(stale).toEqual({ ok: false, reason: "conflict" });
    expect(await revisionCount(id)).toBe(before);
    const story = await load(slug);
    expect(story.title).toBe("First tab");
    expect(story.version).toBe(2);
  });

  it("lets exactly one of two simultaneous saves from the same version through", async () => {
    const author = await member();
    const { id, slug } = await createStory({ authorId: author.id, input: storyInput(), intent: "publish" });
    const results = await Promise.all(
      ["Tab A", "Tab B"].map((title) =>
        updateStory({
          storyId: id,
          expectedVersion: 1,
          input: storyInput({ title }),
          intent: "publish",
          editorId: author.id,
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: "conflict" }]);

    const story = await load(slug);
    expect(story.version).toBe(2);
    // One row for the version replaced, one for the winner's: never two for one version.
    const db = await getDb();
    const rows = await db
      .select({ version: storyRevisions.version, title: storyRevisions.title })
      .from(storyRevisions)
      .where(eq(storyRevisions.storyId, id));
    expect(rows.map((row) => row.version).sort()).toEqual([1, 2]);
    expect(rows.find((row) => row.version === 2)?.title).toBe(story.title);
  });

  it("answers not_found for a story that is gone", async () => {
    expect(
      await updateStory({
        storyId: "no-such-story",
        expectedVersion: 1,
        input: storyInput(),
        intent: "publish",
      }),
    ).toEqual({
      ok: false,
      reason: "not_found",
    });
  });
});

describe("restoring a version", () => {
  it("makes the old content current again as a new version, keeping everything in between", async () => {
    const author = await member();
    const moderator = await member("moderator");
    const first = storyInput({
      title: "Version one",
      tools: ["Yammer"],
      startingPoints: ["improving-work-practice", "using-knowledge"],
      trigger: "A merger",
    });
    const { id, slug } = await createStory({ authorId: author.id, input: first, intent: "publish" });
    await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: storyInput({ title: "Version two" }),
      intent: "publish",
      editorId: author.id,
    });

    const result = await restoreRevision({
      storyId: id,
      version: 1,
      expectedVersion: 2,
      editorId: moderator.id,
    });
    expect(result).toEqual({ ok: true, slug, title: "Version one" });

    const story = await load(slug);
    expect(story.version).toBe(3);
    expect(story.status).toBe("published");
    expect({ title: story.title, body: story.body, tools: story.tools, trigger: story.trigger }).toEqual({
      title: first.title,
      body: first.body,
      tools: first.tools,
      trigger: first.trigger,
    });
    expect(story.startingPoints.map((sp) => sp.slug)).toEqual(first.startingPoints);
    expect(await versions(slug)).toEqual([3, 2, 1]);
    expect((await getRevision(id, 2))?.title).toBe("Version two");

    const db = await getDb();
    const [restored] = await db
      .select({ savedById: storyRevisions.savedById, title: storyRevisions.title })
      .from(storyRevisions)
      .where(and(eq(storyRevisions.storyId, id), eq(storyRevisions.version, 3)));
    expect(restored).toEqual({ savedById: moderator.id, title: "Version one" });
  });

  it("refuses a restore from a page opened before the last save, and an unknown version", async () => {
    const author = await member();
    const { id } = await createStory({ authorId: author.id, input: storyInput(), intent: "publish" });
    await updateStory({
      storyId: id,
      expectedVersion: 1,
      input: storyInput({ title: "Two" }),
      intent: "publish",
      editorId: author.id,
    });
    await updateStory({
      storyId: id,
      expectedVersion: 2,
      input: storyInput({ title: "Three" }),
      intent: "publish",
      editorId: author.id,
    });
    const before = await revisionCount(id);

    expect(
      await restoreRevision({ storyId: id, version: 1, expectedVersion: 2, editorId: author.id }),
    ).toEqual({ ok: false, reason: "conflict" });
    expect(
      await restoreRevision({ storyId: id, version: 99, expectedVersion: 3, editorId: author.id }),
    ).toEqual({ ok: false, reason: "not_found" });
    expect(await revisionCount(id)).toBe(before);
  });
});

describe("who sees the history", () => {
  it("is the author and the moderators; moderators not of drafts", async () => {
    const author = await member();
    const other = await member();
    const moderator = await member("moderator");
    const admin = await member("admin");
    const published = { authorId: author.id, authorRole: "member" as const, status: "published" as const };
    expect(canSeeHistory(author, published)).toBe(true);
    expect(canSeeHistory(moderator, published)).toBe(true);
    expect(canSeeHistory(admin, published)).toBe(true);
    expect(canSeeHistory(other, published)).toBe(false);
    expect(canSeeHistory(null, published)).toBe(false);

    const draft = { authorId: author.id, authorRole: "member" as const, status: "draft" as const };
    expect(canSeeHistory(author, draft)).toBe(true);
    expect(canSeeHistory(moderator, draft)).toBe(false);
  });
});
