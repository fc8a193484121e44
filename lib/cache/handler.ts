import type { CacheEntry, CacheHandler } from "next/dist/server/lib/cache-handlers/types";
import { env } from "@/lib/env";
import { cacheClock, processTagStore, type TagStore } from "./tag-store";

/*
 * The store behind every `"use cache"` function (decision 024): entries in this process's
 * memory, bounded by size and evicted least recently used first; tag invalidations shared
 * with the other app servers through lib/cache/tag-store.ts. Next's built-in handler keeps
 * its tags in memory only, so an invalidation on one server would never reach another.
 */

type Stored = { entry: Omit<CacheEntry, "value">; bytes: Uint8Array; size: number };

export function cacheMaxBytes(): number {
  return env().CACHE_MAX_BYTES;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
    length += read.value.byteLength;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export function createCacheHandler(
  options: { maxBytes?: number; now?: () => number; tags?: TagStore } = {},
): CacheHandler & { size(): number } {
  const maxBytes = options.maxBytes ?? cacheMaxBytes();
  const tags = options.tags ?? processTagStore();
  const now = options.now ?? cacheClock;
  // A Map iterates in insertion order: re-inserting on every hit keeps the oldest use first.
  const entries = new Map<string, Stored>();
  const pending = new Map<string, Promise<void>>();
  let totalBytes = 0;

  function drop(key: string): void {
    const stored = entries.get(key);
    if (!stored) return;
    entries.delete(key);
    totalBytes -= stored.size;
  }

  return {
    size: () => totalBytes,

    async get(cacheKey, softTags) {
      await pending.get(cacheKey);
      const stored = entries.get(cacheKey);
      if (!stored) return undefined;
      const { entry } = stored;
      // Past its revalidate time an entry is a miss: kept in memory it would be served stale
      // while a fresh one is made, and in-memory entries are too cheap to make to risk that.
      const tooOld = now() > entry.timestamp + entry.revalidate * 1000;
      const invalidated = tags.expiredAt([...entry.tags, ...softTags]) > entry.timestamp;
      if (tooOld || invalidated) {
        drop(cacheKey);
        return undefined;
      }
      entries.delete(cacheKey);
      entries.set(cacheKey, stored);
      return { ...entry, value: streamOf(stored.bytes) };
    },

    async set(cacheKey, pendingEntry) {
      let done = () => {};
      pending.set(cacheKey, new Promise<void>((resolve) => (done = resolve)));
      try {
        const { value, ...entry } = await pendingEntry;
        const bytes = await readAll(value);
        // An entry that expires at once (dynamic) is not worth keeping.
        if (entry.expire === 0) return;
        const size = bytes.byteLength + cacheKey.length;
        if (size > maxBytes) return;
        drop(cacheKey);
        entries.set(cacheKey, { entry, bytes, size });
        totalBytes += size;
        for (const key of entries.keys()) {
          if (totalBytes <= maxBytes) break;
          drop(key);
        }
      } catch {
        // A render that failed half-way leaves no entry; the next request renders again.
      } finally {
        pending.delete(cacheKey);
        done();
      }
    },

    refreshTags: () => tags.refresh(),

    async getExpiration(names) {
      return tags.expiredAt(names);
    },

    // revalidateTag, updateTag and revalidatePath: the entry is gone at once, whatever the
    // profile asks; a stale entry served once more is not worth the surprise.
    updateTags: (names) => tags.expire(names),
  };
}

const INSTALLED = Symbol.for("@next/cache-handlers");

/**
 * Makes this the handler of every `"use cache"` function in the process. Next reads this
 * global when it sets up its cache handlers, on the first request (after instrumentation's
 * `register()`, which calls this). The `cacheHandlers` setting in next.config would instead
 * import a plain JavaScript file at run time, which could not share the app's TypeScript
 * modules or its database pool.
 */
export function installCacheHandler(): void {
  const g = globalThis as unknown as Record<symbol, { DefaultCache?: CacheHandler } | undefined>;
  g[INSTALLED] = { ...g[INSTALLED], DefaultCache: createCacheHandler() };
}
