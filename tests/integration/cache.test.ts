import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { cacheTags } from "@/db/schema";
import { createCacheHandler } from "@/lib/cache/handler";
import { POLL_INTERVAL_MS, createTagStore } from "@/lib/cache/tag-store";
import { log } from "@/lib/log";

/*
 * The cache handler behind every "use cache" read, and the tag store that carries
 * invalidations from one app server to the others through the database. Two stores on one
 * database stand for two servers.
 */

type Entry = Parameters<ReturnType<typeof createCacheHandler>["set"]>[1] extends Promise<infer E> ? E : never;

const bytes = (text: string) => new TextEncoder().encode(text);

function entry(text: string, tags: string[], timestamp: number, revalidate = 3600): Entry {
  return {
    value: new ReadableStream({
      start(controller) {
        controller.enqueue(bytes(text));
        controller.close();
      },
    }),
    tags,
    stale: 0,
    timestamp,
    revalidate,
    expire: 86_400,
  };
}

async function read(found: { value: ReadableStream<Uint8Array> } | undefined): Promise<string | undefined> {
  if (!found) return undefined;
  return new Response(found.value).text();
}

/** A clock the test moves by hand, shared by a server's store and its handler. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function server(time: ReturnType<typeof clock>, maxBytes?: number) {
  const tags = createTagStore({ now: time.now });
  return { tags, handler: createCacheHandler({ tags, now: time.now, maxBytes }) };
}

describe("cache handler", () => {
  it("returns what was stored, as often as asked, and nothing for an unknown key", async () => {
    const time = clock();
    const { handler } = server(time);
    await handler.set("k", Promise.resolve(entry("hello", ["content"], time.now())));
    expect(await read(await handler.get("k", []))).toBe("hello");
    expect(await read(await handler.get("k", []))).toBe("hello");
    expect(await handler.get("other", [])).toBeUndefined();
  });

  it("waits for an entry that is still being stored", async () => {
    const time = clock();
    const { handler } = server(time);
    let finish: (value: Entry) => void = () => {};
    const setting = handler.set("k", new Promise<Entry>((resolve) => (finish = resolve)));
    const getting = handler.get("k", []);
    finish(entry("late", [], time.now()));
    await setting;
    expect(await read(await getting)).toBe("late");
  });

  it("drops an entry when one of its tags, or one of the request's soft tags, is invalidated after it was made", async () => {
    const time = clock();
    const { handler, tags } = server(time);
    await handler.set("a", Promise.resolve(entry("a", ["content", "story:1"], time.now())));
    await handler.set("b", Promise.resolve(entry("b", ["content", "story:2"], time.now())));
    time.advance(1);
    await tags.expire(["story:1"]);
    expect(await handler.get("a", [])).toBeUndefined();
    expect(await read(await handler.get("b", []))).toBe("b");
    // revalidatePath expires a path's implicit tag, which reaches the handler as a soft tag.
    await handler.updateTags(["_N_T_/stories/two"]);
    expect(await handler.get("b", ["_N_T_/stories/two"])).toBeUndefined();
  });

  it("keeps an entry made after the invalidation", async () => {
    const time = clock();
    const { handler, tags } = server(time);
    await tags.expire(["stories"]);
    time.advance(1);
    await handler.set("k", Promise.resolve(entry("new", ["stories"], time.now())));
    expect(await read(await handler.get("k", []))).toBe("new");
    expect(await handler.getExpiration(["stories", "unrelated"])).toBeGreaterThan(0);
    expect(await handler.getExpiration(["unrelated"])).toBe(0);
  });

  it("treats an entry past its revalidate time as missing", async () => {
    const time = clock();
    const { handler } = server(time);
    await handler.set("k", Promise.resolve(entry("old", [], time.now(), 60)));
    time.advance(59_000);
    expect(await read(await handler.get("k", []))).toBe("old");
    time.advance(2_000);
    expect(await handler.get("k", [])).toBeUndefined();
  });

  it("stays within its size, dropping the least recently used entries first", async () => {
    const time = clock();
    const { handler } = server(time, 110);
    const text = "x".repeat(30);
    await handler.set("one", Promise.resolve(entry(text, [], time.now())));
    await handler.set("two", Promise.resolve(entry(text, [], time.now())));
    await handler.set("three", Promise.resolve(entry(text, [], time.now())));
    // "one" is used again, so "two" is now the least recently used.
    expect(await handler.get("one", [])).toBeDefined();
    await handler.set("four", Promise.resolve(entry(text, [], time.now())));
    expect(handler.size()).toBeLessThanOrEqual(110);
    expect(await handler.get("two", [])).toBeUndefined();
    expect(await read(await handler.get("one", []))).toBe(text);
    expect(await read(await handler.get("four", []))).toBe(text);
    // Bigger than the whole cache: not stored at all.
    await handler.set("huge", Promise.resolve(entry("y".repeat(200), [], time.now())));
    expect(await handler.get("huge", [])).toBeUndefined();
  });

  it("does not keep entries that expire at once, or whose value failed half-way", async () => {
    const time = clock();
    const { handler } = server(time);
    await handler.set("dynamic", Promise.resolve({ ...entry("d", [], time.now()), expire: 0 }));
    expect(await handler.get("dynamic", [])).toBeUndefined();
    const broken: Entry = {
      ...entry("", [], time.now()),
      value: new ReadableStream({
        start(controller) {
          controller.enqueue(bytes("part"));
          controller.error(new Error("render failed"));
        },
      }),
    };
    await handler.set("broken", Promise.resolve(broken));
    expect(await handler.get("broken", [])).toBeUndefined();
  });
});

describe("invalidations across app servers", () => {
  // These servers run on clocks the test moves by hand, from an arbitrary moment: invalidations
  // stamped by the real clock before (the seed's, when it adds example translations) would be
  // later than all of them.
  beforeEach(async () => {
    await (await getDb()).delete(cacheTags);
  });

  it("an invalidation on one server drops the other server's entry on its next look, within the poll interval", async () => {
    const timeA = clock(5_000_000);
    const timeB = clock(5_000_000);
    const a = server(timeA);
    const b = server(timeB);
    await b.handler.refreshTags();
    await b.handler.set("page", Promise.resolve(entry("old page", ["content", "story:9"], timeB.now())));

    timeA.advance(10);
    await a.tags.expire(["story:9"]);
    const rows = await (await getDb()).select().from(cacheTags);
    expect(rows).toContainEqual({ tag: "story:9", expiredAt: 5_000_010 });

    // Looked less than the poll interval ago: B may still serve its copy...
    timeB.advance(POLL_INTERVAL_MS - 100);
    await b.handler.refreshTags();
    expect(await read(await b.handler.get("page", []))).toBe("old page");
    // ...and once the interval has passed, its next request sees the invalidation.
    timeB.advance(200);
    await b.handler.refreshTags();
    expect(await b.handler.get("page", [])).toBeUndefined();
  });

  it("repeated invalidations keep the latest moment; concurrent looks share one query", async () => {
    const time = clock(9_000_000);
    const { tags } = server(time);
    await tags.expire(["stories"]);
    time.advance(50);
    await tags.expire(["stories", "stories"]);
    const rows = await (await getDb()).select().from(cacheTags);
    expect(rows.filter((r) => r.tag === "stories")).toEqual([{ tag: "stories", expiredAt: 9_000_050 }]);

    const other = createTagStore({ now: () => 9_000_100 });
    const db = await getDb();
    const select = vi.spyOn(db, "select");
    await Promise.all([other.refresh(), other.refresh(), other.refresh()]);
    expect(select).toHaveBeenCalledTimes(1);
    select.mockRestore();
    expect(other.expiredAt(["stories"])).toBe(9_000_050);
  });

  it("an invalidation that cannot be shared is still applied here, and logged rather than thrown", async () => {
    const time = clock();
    const failing = createTagStore({
      now: time.now,
      db: () => Promise.reject(new Error("connect ECONNREFUSED")),
    });
    const error = vi.spyOn(log, "error").mockImplementation(() => {});
    const warn = vi.spyOn(log, "warn").mockImplementation(() => {});
    await expect(failing.expire(["content"])).resolves.toBeUndefined();
    expect(failing.expiredAt(["content"])).toBe(time.now());
    expect(error).toHaveBeenCalledWith(
      "cache tags not shared",
      expect.objectContaining({ tags: ["content"] }),
    );
    await expect(failing.refresh()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();
    error.mockRestore();
    warn.mockRestore();
  });
});
