import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { comments, stories } from "@/db/schema";
import { createComment } from "@/lib/comments/queries";
import { newIdempotencyKey, readIdempotencyKey } from "@/lib/idempotency";
import { createStory } from "@/lib/stories/writes";
import { newMember } from "../support/members";
import { storyInput } from "../support/story-input";

let counter = 0;
const member = () => newMember(`Idempotent ${++counter}`, { prefix: "idem" });

async function storiesTitled(title: string) {
  const db = await getDb();
  return db.select({ id: stories.id }).from(stories).where(eq(stories.title, title));
}

describe("submitting the same form twice", () => {
  it("creates one story when the same key arrives twice at once, and both get that story", async () => {
    const author = await member();
    const input = storyInput();
    const key = newIdempotencyKey();
    const [first, second] = await Promise.all([
      createStory({ authorId: author.id, input, intent: "publish", idempotencyKey: key }),
      createStory({ authorId: author.id, input, intent: "publish", idempotencyKey: key }),
    ]);
    expect(second).toEqual(first);
    expect(await storiesTitled(input.title)).toHaveLength(1);

    // A retry much later (after a timeout) still gets the first story.
    const retry = await createStory({ authorId: author.id, input, intent: "publish", idempotencyKey: key });
    expect(retry).toEqual(first);
    expect(await storiesTitled(input.title)).toHaveLength(1);
  });

  it("creates two stories for two form renders, and without a key", async () => {
    const author = await member();
    const input = storyInput();
    await createStory({ authorId: author.id, input, intent: "publish", idempotencyKey: newIdempotencyKey() });
    await createStory({ authorId: author.id, input, intent: "publish", idempotencyKey: newIdempotencyKey() });
    await createStory({ authorId: author.id, input, intent: "publish" });
    expect(await storiesTitled(input.title)).toHaveLength(3);
  });

  it("keeps members apart: another member's identical key is not a retry", async () => {
    const [one, two] = [await member(), await member()];
    const key = newIdempotencyKey();
    const a = await createStory({
      authorId: one.id,
      input: storyInput(),
      intent: "publish",
      idempotencyKey: key,
    });
    const b = await createStory({
      authorId: two.id,
      input: storyInput(),
      intent: "publish",
      idempotencyKey: key,
    });
    expect(b.id).not.toBe(a.id);
  });

  it("posts one comment and counts it once when the same key arrives twice at once", async () => {
    const author = await member();
    const reader = await member();
    const story = await createStory({ authorId: author.id, input: storyInput(), intent: "publish" });
    const key = newIdempotencyKey();
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        createComment({
          storyId: story.id,
          authorId: reader.id,
          body: "Only once, please.",
          idempotencyKey: key,
        }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);

    const db = await getDb();
    const rows = await db.select({ id: comments.id }).from(comments).where(eq(comments.storyId, story.id));
    expect(rows).toHaveLength(1);
    const [counted] = await db
      .select({ n: stories.commentCount })
      .from(stories)
      .where(eq(stories.id, story.id));
    expect(counted.n).toBe(1);

    // The next comment form on the page has a new key.
    await createComment({
      storyId: story.id,
      authorId: reader.id,
      body: "A second thought.",
      idempotencyKey: newIdempotencyKey(),
    });
    const [after] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(comments)
      .where(eq(comments.storyId, story.id));
    expect(after.n).toBe(2);
  });

  it("does not record the key when the creation fails, so the retry can succeed", async () => {
    const author = await member();
    const key = newIdempotencyKey();
    await expect(
      createStory({
        authorId: author.id,
        input: storyInput({ startingPoints: ["no-such-starting-point"] }),
        intent: "publish",
        idempotencyKey: key,
      }),
    ).rejects.toThrow();
    const input = storyInput();
    const story = await createStory({ authorId: author.id, input, intent: "publish", idempotencyKey: key });
    expect(await storiesTitled(input.title)).toEqual([{ id: story.id }]);
  });

  it("accepts only keys that look like ours from a form", () => {
    const form = (value: string) => {
      const data = new FormData();
      data.set("idempotencyKey", value);
      return data;
    };
    const key = newIdempotencyKey();
    expect(readIdempotencyKey(form(key))).toBe(key);
    expect(readIdempotencyKey(form("short"))).toBeNull();
    expect(readIdempotencyKey(form("x".repeat(65)))).toBeNull();
    expect(readIdempotencyKey(form("' or 1=1 --0123456789"))).toBeNull();
    expect(readIdempotencyKey(new FormData())).toBeNull();
  });
});
