import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/*
 * Whole pages for visitors (decision 029). scripts/server.ts keeps the finished response of a
 * public page that a visitor without a session asked for (status, headers, body), and answers
 * the next visitor asking for the same thing from memory, without Next.
 *
 * - The CSP nonce of the stored response is replaced by a fresh one in every answer: the body
 *   is kept split at each occurrence of the old nonce, and the CSP header names the new one.
 * - An entry is used only while no cache tag has been invalidated since its render started:
 *   every write (on any app server, through `cache_tags`) drops every stored page. Pages are
 *   cheap to make again, and a page that depends on something no tag names can never be served
 *   stale past a write.
 * - Past `ttlMs` an entry is renewed by the next request while others still get it (the page
 *   did not change: no write happened), so time-dependent text stays current and a burst
 *   never waits.
 * - Many visitors missing the same page at once wait for one render instead of starting their
 *   own.
 */

/** Only these pages: public, the same for every visitor, no forms carrying personal state. */
const PUBLIC_PAGES: readonly RegExp[] = [
  /^\/$/,
  /^\/stories$/,
  /^\/stories\/feed\.xml$/,
  /^\/stories\/(?!new$)[^/]+$/,
  /^\/stories\/[^/]+\/(?:comments\.xml|opengraph-image)$/,
  /^\/starting-points$/,
  /^\/starting-points\/(?!proposals$)[^/]+$/,
  /^\/starting-points\/[^/]+\/(?:feed\.xml|opengraph-image)$/,
  /^\/starting-points\/export\.(?:csv|json)$/,
  /^\/members\/[^/]+$/,
  /^\/members\/[^/]+\/feed\.xml$/,
  /^\/api\/v1\/(?:stories|starting-points)(?:\/[^/]+)*$/,
  /^\/api\/v1\/openapi\.json$/,
  /^\/(?:robots\.txt|sitemap\.xml)$/,
  /^\/embed\/(?:model|stories\/[^/]+)$/,
  /^\/oembed$/,
  /^\/privacy$/,
];

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/**
 * The request headers a stored answer may depend on besides the address and the language:
 * Next answers client-side navigations (RSC) differently from documents, and absolute links are
 * made from the host the request names.
 */
const VARYING_HEADERS = [
  "rsc",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-router-state-tree",
  "next-url",
  "host",
  "x-forwarded-host",
  "x-forwarded-proto",
] as const;

// Set by Node for every answer, or describing one connection: never stored.
const UNSTORED_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "date",
  "x-request-id",
]);

const NONCE_IN_CSP = /'nonce-([A-Za-z0-9+/]{16,}={0,2})'/;

export type StoredPage = {
  status: number;
  headers: [string, string | string[]][];
  /** The body, split at every occurrence of `nonce`; one part when there is none. */
  parts: Buffer[];
  nonce: string | null;
  /** cacheClock() when the render started: a write after that moment makes the page stale. */
  renderedAt: number;
  /** Date.now() when stored, for the renewal age. */
  storedAt: number;
  size: number;
};

export type PageCacheOptions = {
  maxBytes: number;
  ttlMs: number;
  /** The latest invalidation of any cache tag known to this process (lib/cache/tag-store.ts). */
  latestInvalidation: () => number;
  now?: () => number;
};

export type Lookup = { page: StoredPage; renew: boolean } | undefined;

export function isPageCacheable(req: Pick<IncomingMessage, "method" | "url" | "headers">): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (req.headers["next-action"] !== undefined || req.headers.authorization !== undefined) return false;
  if (SESSION_COOKIE.test(req.headers.cookie ?? "")) return false;
  const pathname = (req.url ?? "/").split("?", 1)[0];
  return PUBLIC_PAGES.some((page) => page.test(pathname));
}

export function pageCacheKey(req: Pick<IncomingMessage, "url" | "headers">, locale: string): string {
  const varying = VARYING_HEADERS.map((name) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(",") : (value ?? "");
  });
  return JSON.stringify([req.url ?? "/", locale, ...varying]);
}

export function createPageCache(options: PageCacheOptions) {
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const entries = new Map<string, StoredPage>();
  const rendering = new Map<string, Promise<void>>();
  let totalBytes = 0;

  function drop(key: string): void {
    const page = entries.get(key);
    if (!page) return;
    entries.delete(key);
    totalBytes -= page.size;
  }

  return {
    get size() {
      return totalBytes;
    },
    get count() {
      return entries.size;
    },

    lookup(key: string): Lookup {
      const page = entries.get(key);
      if (!page) return undefined;
      if (options.latestInvalidation() >= page.renderedAt) {
        drop(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, page);
      // One request renews an old entry; the others keep getting it meanwhile.
      const renew = now() - page.storedAt > options.ttlMs && !rendering.has(key);
      return { page, renew };
    },

    store(key: string, page: StoredPage): void {
      if (page.size > options.maxBytes) return;
      if (options.latestInvalidation() >= page.renderedAt) return;
      drop(key);
      entries.set(key, page);
      totalBytes += page.size;
      for (const oldest of entries.keys()) {
        if (totalBytes <= options.maxBytes) break;
        drop(oldest);
      }
    },

    /** Marks a render of `key` as under way; others asking meanwhile can wait for it. */
    rendering(key: string): { done: () => void } {
      let done!: () => void;
      rendering.set(key, new Promise<void>((resolve) => (done = resolve)));
      return {
        done: () => {
          rendering.delete(key);
          done();
        },
      };
    },

    /** The render of `key` under way, if any, to wait for (at most `timeoutMs`). */
    async waitForRender(key: string, timeoutMs: number): Promise<boolean> {
      const pending = rendering.get(key);
      if (!pending) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      return true;
    },

    clear(): void {
      entries.clear();
      totalBytes = 0;
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;

/**
 * Copies what Next writes to `res` while it goes out to the client, and hands over the stored
 * form once the response has ended, or null when it must not be kept: not a 200, a cookie set,
 * a body of a type that is not a document, or a response cut off.
 */
export function captureResponse(
  res: ServerResponse,
  renderedAt: number,
  done: (page: StoredPage | null) => void,
): void {
  const chunks: Buffer[] = [];
  const write = res.write;
  const end = res.end;
  const toBuffer = (chunk: unknown, encoding: unknown): Buffer | null => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return null;
    if (typeof chunk === "string")
      return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return null;
  };
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    const buffer = toBuffer(chunk, rest[0]);
    // Copied: Next may reuse the memory of a chunk it has handed over.
    if (buffer) chunks.push(Buffer.from(buffer));
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    const buffer = toBuffer(chunk, rest[0]);
    if (buffer) chunks.push(Buffer.from(buffer));
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse["end"];

  res.once("close", () => {
    res.write = write;
    res.end = end;
    if (!res.writableFinished) return done(null);
    done(storedPage(res.statusCode, res.getHeaders(), Buffer.concat(chunks), renderedAt));
  });
}

const TEXT_TYPES =
  /^(?:text\/html|application\/json|application\/atom\+xml|application\/xml|text\/xml|text\/csv|text\/plain|text\/x-component|application\/rss\+xml)/;
// Share images: made with the same data, and costly to draw. Their bytes are never searched for a nonce.
const BINARY_TYPES = /^image\/png/;

export function storedPage(
  status: number,
  headers: OutgoingHttpHeaders,
  body: Buffer,
  renderedAt: number,
  storedAt = Date.now(),
): StoredPage | null {
  if (status !== 200) return null;
  if (headers["set-cookie"] !== undefined) return null;
  const type = String(headers["content-type"] ?? "");
  const text = TEXT_TYPES.test(type);
  if (!text && !BINARY_TYPES.test(type)) return null;
  // A compressed body cannot have its nonce replaced; the server asks Next for identity.
  const encoding = headers["content-encoding"];
  if (encoding !== undefined && encoding !== "identity") return null;

  const kept: [string, string | string[]][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || UNSTORED_HEADERS.has(name)) continue;
    kept.push([name, typeof value === "number" ? String(value) : value]);
  }
  const csp = headers["content-security-policy"];
  const nonce = typeof csp === "string" ? (NONCE_IN_CSP.exec(csp)?.[1] ?? null) : null;
  const parts =
    nonce && text
      ? body
          .toString("utf8")
          .split(nonce)
          .map((part) => Buffer.from(part, "utf8"))
      : [body];
  const size =
    body.byteLength + kept.reduce((sum, [name, value]) => sum + name.length + String(value).length, 0);
  return { status, headers: kept, parts, nonce, renderedAt, storedAt, size };
}

/** The stored page as one answer: a fresh nonce in the body and in every header that named the old one. */
export function renderStoredPage(
  page: StoredPage,
  nonce: string,
): { headers: [string, string | string[]][]; body: Buffer } {
  const headers = page.nonce
    ? page.headers.map(([name, value]): [string, string | string[]] => [
        name,
        Array.isArray(value)
          ? value.map((v) => v.replaceAll(page.nonce!, nonce))
          : value.replaceAll(page.nonce!, nonce),
      ])
    : page.headers;
  if (page.parts.length === 1) return { headers, body: page.parts[0] };
  const separator = Buffer.from(nonce, "utf8");
  const pieces: Buffer[] = [];
  page.parts.forEach((part, index) => {
    if (index > 0) pieces.push(separator);
    pieces.push(part);
  });
  return { headers, body: Buffer.concat(pieces) };
}

/**
 * Whether the client's copy is the stored one (`If-None-Match` against the stored `ETag`,
 * compared weakly as RFC 9110 asks for GET): then the answer is 304 without a body.
 */
export function notModified(page: StoredPage, ifNoneMatch: string | string[] | undefined): boolean {
  const etag = page.headers.find(([name]) => name === "etag")?.[1];
  if (typeof etag !== "string" || ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(",") : ifNoneMatch)
    .split(",")
    .some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}
