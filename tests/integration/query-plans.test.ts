import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabaseHandle, getDb, useDatabase as setProcessDatabase, type DatabaseHandle } from "@/db";
import { stories } from "@/db/schema";
import {
  commentsMarkedUseful,
  createComment,
  listComments,
  setCommentUseful,
  storyConversation,
} from "@/lib/comments/queries";
import { setStoryRecognition, startingPointIdBySlug, storyRecognitionSummary } from "@/lib/model/recognition";
import { getStartingPoint, listStartingPoints } from "@/lib/starting-points/queries";
import { countPublishedStories, listPublishedStories, type StorySort } from "@/lib/stories/listing";
import { createStory } from "@/lib/stories/writes";
import { facetCounts } from "@/lib/stories/facets";
import { getStoryBySlug } from "@/lib/stories/story";
import { searchSnippets } from "@/lib/stories/search";
import {
  capturingDatabase,
  explain,
  fullIndexScans,
  isExplainable,
  seqScannedBigTables,
  summarisePlan,
  type CapturedStatement,
} from "../../bench/plans";
import { newMember } from "../support/members";
import { storyInput } from "../support/story-input";

/*
 * The queries behind the anonymous pages must each be answerable from an index: with
 * sequential scans switched off, a plan that still reads a big table sequentially has no index
 * to use, and that page slows down with every story or comment added. Switched off, a missing
 * index often shows as an index read from end to end instead, which fails too, unless a Limit
 * stops it (a keyset page) or it feeds a count (O(matches) by nature; see
 * countPublishedStories). Each case also has a
 * budget of statements, so a page that queries once per row (N+1) fails too.
 */

process.env.SITE_URL ??= "https://vertrekpunt.test";

let storySlug = "";
let storyId = "";
let secondCommentPage: string | null = null;
let readerId = "";

beforeAll(async () => {
  const author = await newMember("Plan Author", { prefix: "plans-author" });
  const reader = await newMember("Plan Reader", { prefix: "plans-reader" });
  readerId = reader.id;
  const pairs = [
    ["improving-work-practice"],
    ["using-knowledge", "learning-with-outside-world"],
    ["using-knowledge"],
  ];
  const created: { id: string; slug: string }[] = [];
  for (let i = 0; i < 15; i++) {
    created.push(
      await createStory({
        authorId: author.id,
        intent: "publish",
        input: storyInput({
          title: `Planning garden ${i}`,
          body: `A garden of practice where teachers plan together, story number ${i}, long enough to publish.`,
          tools: i % 2 ? ["kanban"] : ["wiki"],
          language: i % 3 ? "en" : "nl",
          startingPoints: pairs[i % pairs.length],
        }),
      }),
    );
  }
  await createStory({ authorId: author.id, intent: "draft", input: storyInput() });
  ({ id: storyId, slug: storySlug } = created[0]);
  const db = await getDb();
  await db
    .update(stories)
    .set({ publishedAt: new Date("2025-06-01T00:00:00Z") })
    .where(eq(stories.id, created[1].id));

  const threads: string[] = [];
  for (let i = 0; i < 6; i++)
    threads.push(
      (await createComment({ storyId, authorId: i % 2 ? author.id : reader.id, body: `Comment ${i}` })).id,
    );
  const reply = await createComment({ storyId, authorId: author.id, body: "A reply", replyToId: threads[0] });
  await createComment({ storyId, authorId: reader.id, body: "A reply to the reply", replyToId: reply.id });
  await setCommentUseful({ commentId: threads[1], userId: author.id, useful: true });
  const sp = await startingPointIdBySlug("improving-work-practice");
  await setStoryRecognition({ storyId, userId: reader.id, startingPointId: sp as number, recognised: true });

  secondCommentPage = (await listComments({ storyId, limit: 3 })).more;
  expect(secondCommentPage).not.toBeNull();
});

type Case = { name: string; budget: number; run: () => Promise<unknown> };

const sorts: StorySort[] = ["newest", "discussed", "recognised"];
const cases: Case[] = [
  { name: "home: starting points", budget: 1, run: () => listStartingPoints("en") },
  { name: "home: latest stories", budget: 2, run: () => listPublishedStories({ locale: "en", limit: 6 }) },
  ...sorts.map((sort) => ({
    name: `/stories sorted ${sort}, first and second page`,
    budget: 4,
    run: async () => {
      const first = await listPublishedStories({ sort, locale: "en", limit: 4 });
      expect(first.older).not.toBeNull();
      return listPublishedStories({ sort, after: first.older, locale: "en", limit: 4 });
    },
  })),
  {
    name: "/stories going back with before",
    budget: 6,
    run: async () => {
      const first = await listPublishedStories({ locale: "en", limit: 4 });
      const second = await listPublishedStories({ after: first.older, locale: "en", limit: 4 });
      return listPublishedStories({ before: second.newer, locale: "en", limit: 4 });
    },
  },
  { name: "/stories count", budget: 1, run: () => countPublishedStories({}) },
  { name: "/stories facets", budget: 6, run: () => facetCounts({}) },
  {
    name: "/stories total, capped",
    budget: 1,
    run: async () => expect(await countPublishedStories({}, { cap: 5 })).toBe(6),
  },
  {
    name: "/stories facets among the newest matches",
    budget: 6,
    run: async () =>
      expect(
        Object.values((await facetCounts({ q: "garden" }, { sample: 4 })).languages).reduce(
          (a, b) => a + b,
          0,
        ),
      ).toBe(4),
  },
  {
    name: "/stories by starting point",
    budget: 8,
    run: () =>
      Promise.all([
        listPublishedStories({ filters: { startingPoints: ["using-knowledge"] }, locale: "en" }),
        countPublishedStories({ startingPoints: ["using-knowledge"] }),
      ]),
  },
  {
    name: "/stories search",
    budget: 3,
    run: async () => {
      const page = await listPublishedStories({ filters: { q: "garden" }, locale: "en", limit: 4 });
      expect(page.items.length).toBeGreaterThan(0);
      return searchSnippets(
        page.items.map((story) => story.id),
        "garden",
      );
    },
  },
  { name: "/stories search count", budget: 1, run: () => countPublishedStories({ q: "garden" }) },
  {
    name: "/starting-points/<slug>",
    budget: 3,
    run: () =>
      Promise.all([
        getStartingPoint("using-knowledge", "en"),
        listPublishedStories({ filters: { startingPoints: ["using-knowledge"] }, locale: "en" }),
      ]),
  },
  {
    name: "/starting-points/<a>+<b>",
    budget: 3,
    run: () =>
      Promise.all([
        listPublishedStories({
          filters: { startingPoints: ["using-knowledge", "learning-with-outside-world"] },
          locale: "en",
        }),
        countPublishedStories({ startingPoints: ["using-knowledge", "learning-with-outside-world"] }),
      ]),
  },
  {
    name: "story page: the story",
    budget: 2,
    run: async () => expect(await getStoryBySlug(storySlug, "en")).not.toBeNull(),
  },
  {
    name: "story page: comments, first page",
    budget: 2,
    run: async () => expect((await listComments({ storyId, limit: 3 })).items.length).toBe(3),
  },
  {
    name: "story page: comments, a later page",
    budget: 2,
    run: async () =>
      expect((await listComments({ storyId, after: secondCommentPage, limit: 3 })).items.length).toBe(3),
  },
  {
    name: "story page: conversation (anonymous)",
    budget: 1,
    run: () => storyConversation({ storyId, userId: null }),
  },
  {
    name: "story page: conversation (member)",
    budget: 1,
    run: () => storyConversation({ storyId, userId: readerId }),
  },
  {
    name: "story page: recognition (anonymous)",
    budget: 3,
    run: () => storyRecognitionSummary({ storyId, userId: null, locale: "en" }),
  },
  {
    name: "story page: comments marked useful",
    budget: 3,
    run: async () => {
      const page = await listComments({ storyId, limit: 3 });
      return commentsMarkedUseful({ userId: readerId, commentIds: page.items.map((comment) => comment.id) });
    },
  },
  {
    // The reads of lib/api/resources.ts storiesEndpoint (called directly: the route wraps them
    // in Next's cache, which needs the Next runtime): starting points, a page and the total.
    name: "/api/v1/stories: first and next page",
    budget: 8,
    run: async () => {
      const filters = { startingPoints: [], languages: [], organisationTypes: [], tools: [], authors: [] };
      const [, first] = await Promise.all([
        listStartingPoints("en"),
        listPublishedStories({ filters, limit: 3, locale: "en" }),
        countPublishedStories(filters),
      ]);
      expect(first.older).not.toBeNull();
      await Promise.all([
        listStartingPoints("en"),
        listPublishedStories({ filters, after: first.older, limit: 3, locale: "en" }),
        countPublishedStories(filters),
      ]);
    },
  },
];

/** Runs `run` against a database that records every statement sent. */
async function capture(run: () => Promise<unknown>): Promise<CapturedStatement[]> {
  const original: DatabaseHandle = await getDatabaseHandle();
  const { db, statements } = await capturingDatabase(original);
  setProcessDatabase({ ...original, db });
  try {
    await run();
  } finally {
    setProcessDatabase(original);
  }
  return statements;
}

describe("the queries behind the anonymous pages", () => {
  it.each(cases)("$name: reads big tables only through indexes", async ({ run, budget }) => {
    const statements = (await capture(run)).filter(isExplainable);
    expect(statements.length).toBeGreaterThan(0);
    const db = await getDb();
    const offenders: string[] = [];
    for (const statement of statements) {
      const plan = await explain(db, statement, { seqscanOff: true });
      const problems = [
        ...seqScannedBigTables(plan).map((table) => `Seq Scan on ${table}`),
        ...fullIndexScans(plan).map((table) => `whole-index scan of ${table}`),
      ];
      if (problems.length > 0) {
        offenders.push(
          `${problems.join("; ")}\n  SQL: ${statement.sql}\n  params: ${JSON.stringify(statement.params)}\n  plan: ${summarisePlan(plan)}`,
        );
      }
    }
    expect(offenders, offenders.join("\n\n")).toEqual([]);
    // Story-domain reads of one page: a handful of statements, whatever the number of rows.
    const reads = statements.filter((statement) => !/rate_limit/i.test(statement.sql));
    expect(reads.length, reads.map((statement) => statement.sql).join("\n")).toBeLessThanOrEqual(budget);
  });
});
