import { verify } from "@node-rs/argon2";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import {
  ConversationState,
  SCALE_MEMBER_PASSWORD,
  SCALE_MEMBER_PASSWORD_HASH,
  STARTING_POINT_SLUGS,
  commentStory,
  commentTargets,
  generateComment,
  generateMember,
  generateStory,
  scaleMemberEmail,
} from "./generate";

describe("scale data generators", () => {
  it("give the same rows for the same index, and different rows for different ones", () => {
    expect(generateMember(7)).toEqual(generateMember(7));
    expect(generateStory(42, 100)).toEqual(generateStory(42, 100));
    expect(generateStory(42, 100).body).not.toBe(generateStory(43, 100).body);
    const cumulative = commentTargets(50);
    const a = generateComment(9, { members: 10, cumulative, state: new ConversationState() });
    const b = generateComment(9, { members: 10, cumulative, state: new ConversationState() });
    expect(a).toEqual(b);
  });

  it("members sign in with the shared password at their known address", async () => {
    const member = generateMember(3);
    expect(member.email).toBe(scaleMemberEmail(3));
    expect(scaleMemberEmail(3)).toBe("scale-member-3@example.test");
    expect(await verify(SCALE_MEMBER_PASSWORD_HASH, SCALE_MEMBER_PASSWORD)).toBe(true);
  });

  it("stories are about 60% English, mostly published, with one to four starting points, skewed", () => {
    const stories = Array.from({ length: 3000 }, (_, i) => generateStory(i + 1, 200));
    const english = stories.filter((s) => s.language === "en").length / stories.length;
    expect(english).toBeGreaterThan(0.55);
    expect(english).toBeLessThan(0.65);
    const drafts = stories.filter((s) => s.status === "draft");
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.length / stories.length).toBeLessThan(0.06);
    expect(drafts.every((s) => s.publishedAt === null)).toBe(true);

    const sizes = [1, 2, 3, 4].map((k) => stories.filter((s) => s.startingPoints.length === k).length);
    expect(sizes[0]).toBeGreaterThan(sizes[1]);
    expect(sizes[1]).toBeGreaterThan(sizes[2]);
    expect(sizes[2]).toBeGreaterThan(sizes[3]);
    expect(sizes[3]).toBeGreaterThan(0);
    const perPoint = STARTING_POINT_SLUGS.map(
      (slug) => stories.filter((s) => s.startingPoints.includes(slug)).length,
    );
    expect(Math.max(...perPoint)).toBeGreaterThan(2 * Math.min(...perPoint));
    for (const story of stories) {
      expect(new Set(story.startingPoints).size).toBe(story.startingPoints.length);
      expect(story.slug).toMatch(/^scale-\d+-[a-z0-9-]+$/);
    }
    expect(new Set(stories.map((s) => s.slug)).size).toBe(stories.length);
  });

  it("story bodies are Markdown of varied length with headings, lists and links, in both languages", () => {
    const stories = Array.from({ length: 500 }, (_, i) => generateStory(i + 1, 50));
    const lengths = stories.map((s) => s.body.length).sort((a, b) => a - b);
    expect(lengths[0]).toBeGreaterThanOrEqual(50);
    expect(lengths.at(-1)).toBeLessThanOrEqual(20_000);
    expect(lengths.at(-1)).toBeGreaterThan(4 * lengths[Math.floor(lengths.length / 2)]);

    const kinds = new Set<string>();
    for (const story of stories) {
      const tree = unified().use(remarkParse).parse(story.body);
      const visit = (node: { type: string; children?: unknown[] }) => {
        kinds.add(node.type);
        for (const child of (node.children ?? []) as { type: string }[]) visit(child);
      };
      visit(tree);
    }
    for (const kind of ["heading", "list", "link", "paragraph"]) expect(kinds.has(kind)).toBe(true);

    const en = stories.filter((s) => s.language === "en");
    const nl = stories.filter((s) => s.language === "nl");
    expect(en.filter((s) => /community/i.test(s.body)).length).toBeGreaterThan(en.length / 2);
    expect(nl.filter((s) => /netwerk/i.test(s.body)).length).toBeGreaterThan(nl.length / 2);
  });

  it("comments have a long tail: a few stories draw many, most few or none; replies stay in their story", () => {
    const storyCount = 1000;
    const cumulative = commentTargets(storyCount);
    const perStory = new Array<number>(storyCount + 1).fill(0);
    const state = new ConversationState();
    const byId = new Map<string, { storyId: string; parentId: string | null; createdAt: Date }>();
    for (let n = 1; n <= 20_000; n++) {
      const comment = generateComment(n, { members: 100, cumulative, state });
      expect(comment.story).toBe(commentStory(n, cumulative));
      perStory[comment.story]++;
      byId.set(comment.id, comment);
      if (comment.replyToId) {
        const answered = byId.get(comment.replyToId);
        expect(answered?.storyId).toBe(comment.storyId);
        expect(answered!.createdAt.getTime()).toBeLessThan(comment.createdAt.getTime());
        // One level deep: the thread is a top-level comment.
        expect(byId.get(comment.parentId!)?.parentId).toBeNull();
      }
    }
    const counts = perStory.slice(1).sort((a, b) => b - a);
    const replies = [...byId.values()].filter((c) => c.parentId).length / byId.size;
    expect(replies).toBeGreaterThan(0.15);
    expect(replies).toBeLessThan(0.35);
    // Average 20: the busiest story has hundreds, the median story a handful, many none.
    expect(counts[0]).toBeGreaterThan(200);
    expect(counts[Math.floor(storyCount / 2)]).toBeLessThan(20);
    expect(counts.filter((c) => c === 0).length).toBeGreaterThan(storyCount / 4);
    for (let n = 1; n <= storyCount; n++) {
      if (generateStory(n, 1).status === "draft") expect(perStory[n]).toBe(0);
    }
  });
});
