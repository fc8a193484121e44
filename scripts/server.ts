/*
 * The production server (`npm start` runs it through scripts/start.ts). It is Next's own request
 * handler inside a plain Node HTTP server, so that a few things happen before and after Next:
 *
 * - every request gets an id (`x-request-id` to Next, `X-Request-Id` on the response) and one
 *   access log line;
 * - request bodies over REQUEST_BODY_LIMIT_BYTES get a 413 before Next reads them;
 * - while the database is known to be down (db/health.ts), pages get a short 503 page instead of
 *   waiting for a connection that fails, and a 5xx that Next writes becomes a 503 with
 *   Retry-After; server actions still reach Next, which lets forms answer with their own message;
 * - a path with broken percent-encoding gets a 400 instead of an error inside Next, a method the
 *   app does not answer a 405, and NUL is dropped from the address (lib/security/request-guard.ts);
 * - the build's "use cache" functions are taken out of its action manifest, so they cannot be
 *   called as server actions (lib/security/server-functions.ts);
 * - X-Forwarded-For is replaced by the client's address, from the connection or, with
 *   TRUST_PROXY, from the entries the proxies in front appended (decision 032);
 * - SIGTERM stops accepting connections, lets the requests in flight finish (at most
 *   SHUTDOWN_TIMEOUT_MS), runs the shutdown hooks, closes the database and exits 0.
 *
 * See docs/decisions/019-custom-server-health-and-shutdown.md.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";

// This is the production server whatever the caller's environment says (a test runner sets
// "test"): React and Next pick their production builds from NODE_ENV when they load, so it is
// set before they are imported below.
Object.assign(process.env, { NODE_ENV: "production" });

const { default: cluster } = await import("node:cluster");
const { envIfValid, freezeEnv, InvalidEnvError, serverEnv } = await import("../lib/env");
// One process per core with PostgreSQL (scripts/start.ts sets the default); PGlite allows one.
// A bad configuration is reported below, by the one process that then stops.
const early = envIfValid();
if (cluster.isPrimary && early?.DATABASE_URL && (early.WEB_CONCURRENCY ?? 1) > 1) {
  await (await import("./cluster")).runClusterPrimary(early.WEB_CONCURRENCY!);
}

const { closeDb, getDatabaseHandle } = await import("../db/index");
// Opening the database (seconds for the embedded one) overlaps with Next's start below;
// instrumentation.ts awaits the same promise and reports how it went. Its seed waits for the
// steps instrumentation.ts registers first (the SEED_* role accounts), however fast it opens.
(await import("../db/seed")).awaitSeedSteps();
void getDatabaseHandle().catch(() => undefined);
const { default: next } = await import("next");
const { databaseIsDown } = await import("../db/health");
const { runShutdownHooks } = await import("../lib/lifecycle");
const { errorFields, log } = await import("../lib/log");
const { loggablePath } = await import("../lib/log/path");
const { requestIdFor } = await import("../lib/log/request-id");
const pages = await import("../lib/server-pages");
const pageCaching = await import("../lib/page-cache");
const { cacheClock, expireTags, processTagStore } = await import("../lib/cache/tag-store");
const { generateNonce } = await import("../lib/security/headers");
const { ALLOWED_METHODS, isAllowedMethod, normaliseRequestUrl } =
  await import("../lib/security/request-guard");
const { withholdCacheFunctions } = await import("../lib/security/server-functions");
const { createLimiter } = await import("../lib/page-cache/limiter");
const { pinForwardedFor } = await import("../lib/rate-limit/forwarded-for");

const root = path.resolve(import.meta.dirname, "..");

// Every setting is checked before anything starts: a bad value stops the server with one line
// per bad variable, rather than surfacing later as a strange failure.
function settings() {
  try {
    return serverEnv();
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error;
    for (const problem of error.problems) log.error("invalid configuration", problem);
    process.exit(1);
  }
}

// HOSTNAME unset: every interface, as `next start` does.
const {
  PORT: port,
  HOSTNAME: hostname,
  REQUEST_BODY_LIMIT_BYTES: bodyLimit,
  SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs,
} = settings();
// Whole pages for visitors (decision 029): a size of 0 turns the page cache off. Renders in
// flight are bounded: many at once share two cores no faster than a few, and hold far more memory.
const {
  PAGE_CACHE_MAX_BYTES: pageCacheMaxBytes,
  PAGE_CACHE_TTL_SECONDS: pageCacheTtlSeconds,
  RENDER_CONCURRENCY: renderConcurrency,
} = settings();
const pageCacheTtlMs = pageCacheTtlSeconds * 1000;
// How many proxies in front append to X-Forwarded-For (decision 032); 0: the connection is the client.
const { TRUST_PROXY: trustProxy } = settings();

// Shutdown: at most how long connections already in the listen backlog get to be accepted, and
// how long an accepted connection gets to send its first request.
const ACCEPT_BACKLOG_MAX_MS = 2_000;
const FIRST_REQUEST_GRACE_MS = 1_000;
// After a 413 the rest of the body is read and thrown away, so the client (still sending) gets
// to read the answer instead of a reset connection; beyond this many bytes the connection is
// closed instead.
const DISCARD_MAX_BYTES = 16 * 1024 * 1024;

// Build assets and icons (the paths proxy.ts skips too) work without the database.
const STATIC_PATH = /^\/(?:_next\/|favicon\.ico$|icon\.svg$|apple-icon)/;

let inFlight = 0;
let shuttingDown = false;
let onDrained: (() => void) | null = null;
let accepted = 0;
let shutdownStartedAt = 0;
/** Open connections: how many requests each has received, how many are unanswered. */
const connections = new Map<Socket, { requests: number; active: number }>();

const tagStore = processTagStore();
const pageCache =
  pageCacheMaxBytes > 0
    ? pageCaching.createPageCache({
        maxBytes: pageCacheMaxBytes,
        ttlMs: pageCacheTtlMs,
        latestInvalidation: () => tagStore.latest(),
      })
    : null;
const renders = createLimiter(renderConcurrency);
// How long a visitor waits for another request's render of the same page before making its own.
const RENDER_WAIT_MS = 10_000;

// Before Next loads the build's action manifest: the cached reads in it must not be callable.
withholdCacheFunctions(path.join(root, ".next"));
const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
const nextHandler = app.getRequestHandler();

const server = createServer((req, res) => {
  void handle(req, res).catch((error: unknown) => {
    log.error("request handler failed", { requestId: req.headers["x-request-id"], ...errorFields(error) });
    if (!res.headersSent) {
      res.statusCode = databaseIsDown() ? 503 : 500;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end(
        `${res.statusCode === 503 ? "Service unavailable" : "Internal server error"}. Reference: ${String(req.headers["x-request-id"])}\n`,
      );
    } else {
      res.destroy();
    }
  });
});

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const requestId = requestIdFor(req.headers["x-request-id"]);
  req.headers["x-request-id"] = requestId;
  // Before anything reads it: Next, server actions and route handlers get the client's address
  // as this server decided it, never the one a client wrote into the header.
  pinForwardedFor(req, trustProxy);
  res.setHeader("X-Request-Id", requestId);
  // Every parameter, path segment and route parameter as form text is stored (no NUL).
  req.url = normaliseRequestUrl(req.url ?? "/");
  const url = req.url;
  const pathname = url.split("?", 1)[0];
  const isAction = req.method === "POST" && typeof req.headers["next-action"] === "string";
  const isApi = pathname === "/api" || pathname.startsWith("/api/");

  inFlight++;
  const connection = connections.get(req.socket);
  if (connection) {
    connection.requests++;
    connection.active++;
  }
  res.once("close", () => {
    inFlight--;
    if (connection) connection.active--;
    if (!pathname.startsWith("/_next/static/")) {
      log.info("request", {
        method: req.method,
        path: loggablePath(pathname),
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        requestId,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    }
    if (shuttingDown) {
      closeIdleConnections();
      checkDrained();
    }
  });
  rewriteStatus(res, { isAction });

  // Installed before anything is awaited: body bytes that arrived with the headers are parsed
  // right after this function yields.
  const body = isChunkedWithoutLength(req) ? holdStreamedBody(req, bodyLimit) : null;

  const send = (page: { status: number; headers: Record<string, string>; body: string }) => {
    res.statusCode = page.status;
    for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
    res.setHeader("Content-Length", Buffer.byteLength(page.body));
    res.end(page.body);
  };
  const locale = () => pages.pickLocale(req.headers.cookie, req.headers["accept-language"]);

  const declaredLength = req.headers["content-length"];
  if (declaredLength !== undefined && Number(declaredLength) > bodyLimit) {
    log.warn("request body too large", {
      requestId,
      path: loggablePath(pathname),
      method: req.method,
      contentLength: Number(declaredLength),
      limit: bodyLimit,
    });
    // Node reads and discards the unread body after the answer, keeping the connection; a body
    // too large to be worth reading closes it.
    if (Number(declaredLength) > DISCARD_MAX_BYTES) res.setHeader("Connection", "close");
    return send(
      isApi
        ? pages.tooLargeJson(requestId, bodyLimit)
        : pages.tooLargePage({ locale: locale(), requestId, url, limitBytes: bodyLimit }),
    );
  }

  if (!hasValidEncoding(pathname)) {
    body?.release();
    return send(pages.badEncodingText(requestId));
  }

  if (!isAllowedMethod(req.method)) {
    body?.release();
    const method = req.method ?? "";
    const allow = ALLOWED_METHODS.join(", ");
    return send(
      isApi
        ? pages.methodNotAllowedJson(requestId, method, allow)
        : pages.methodNotAllowedPage({ locale: locale(), requestId, url, method, allow }),
    );
  }

  if (databaseIsDown() && !STATIC_PATH.test(pathname) && pathname !== "/api/health" && !isAction) {
    // The body is not needed; let Node read and discard it as usual.
    body?.release();
    return send(
      isApi ? pages.unavailableJson(requestId) : pages.unavailablePage({ locale: locale(), requestId, url }),
    );
  }

  const bodyState = body ? await body.complete : "complete";
  if (bodyState === "aborted") return;
  if (bodyState === "over") {
    log.warn("request body too large", {
      requestId,
      path: loggablePath(pathname),
      method: req.method,
      streamed: true,
      limit: bodyLimit,
    });
    return send(
      isApi
        ? pages.tooLargeJson(requestId, bodyLimit)
        : pages.tooLargePage({ locale: locale(), requestId, url, limitBytes: bodyLimit }),
    );
  }
  body?.release();

  if (pageCache && pageCaching.isPageCacheable(req)) return servePublicPage(req, res, pageCache, locale());
  if (
    !STATIC_PATH.test(pathname) &&
    req.method !== "GET" &&
    req.method !== "HEAD" &&
    req.method !== "OPTIONS"
  ) {
    invalidatePagesAfterWrite(res);
  }
  await render(req, res);
}

/**
 * Next, once a place among the RENDER_CONCURRENCY page renders is free. Only reads wait: a
 * server action that redirects fetches the target page from this server while it runs, so an
 * action holding a place could wait for itself. Build assets and the health check go straight on.
 */
async function render(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = (req.url ?? "/").split("?", 1)[0];
  if (
    (req.method !== "GET" && req.method !== "HEAD") ||
    STATIC_PATH.test(pathname) ||
    pathname === "/api/health"
  )
    return nextHandler(req, res);
  // A link prefetch is a guess at the next page: it waits behind pages someone is waiting for.
  const release = await renders.acquire({ background: req.headers["next-router-prefetch"] !== undefined });
  // The client may have gone while this waited (the router cancels prefetches): its "close"
  // has been and gone, so the place would never come back.
  if (res.closed || res.destroyed) return release();
  res.once("close", release);
  try {
    await nextHandler(req, res);
  } finally {
    if (res.writableFinished) release();
  }
}

/**
 * A visitor's public page: from the page cache when a stored copy is current, else rendered by
 * Next and stored on the way out (lib/page-cache, decision 029).
 */
async function servePublicPage(
  req: IncomingMessage,
  res: ServerResponse,
  cache: NonNullable<typeof pageCache>,
  locale: string,
): Promise<void> {
  // Another server's writes, at most POLL_INTERVAL_MS old.
  await tagStore.refresh();
  const key = pageCaching.pageCacheKey(req, locale);
  let found = cache.lookup(key);
  if (!found && (await cache.waitForRender(key, RENDER_WAIT_MS))) found = cache.lookup(key);
  if (found && !found.renew) {
    const { headers, body } = pageCaching.renderStoredPage(found.page, generateNonce());
    res.statusCode = found.page.status;
    for (const [name, value] of headers) res.setHeader(name, value);
    res.setHeader("X-Page-Cache", "hit");
    if (pageCaching.notModified(found.page, req.headers["if-none-match"])) {
      res.statusCode = 304;
      res.removeHeader("Content-Type");
      res.end();
      return;
    }
    res.setHeader("Content-Length", body.byteLength);
    res.end(req.method === "HEAD" ? undefined : body);
    return;
  }
  if (req.method === "HEAD") return render(req, res);
  const flight = cache.rendering(key);
  // Stamped before the render reads anything: a write committed during it makes the copy stale.
  const renderedAt = cacheClock();
  // The stored body must be plain text for its nonce to be replaced.
  delete req.headers["accept-encoding"];
  res.setHeader("X-Page-Cache", "miss");
  pageCaching.captureResponse(res, renderedAt, (page) => {
    if (page) cache.store(key, page);
    flight.done();
  });
  try {
    await render(req, res);
  } catch (error) {
    flight.done();
    throw error;
  }
}

/**
 * Every write drops the stored pages on every app server. Actions invalidate the tags of what
 * they change (decision 024); a write that invalidated nothing (one whose data no cached read
 * holds) still must not leave a stored page behind.
 */
function invalidatePagesAfterWrite(res: ServerResponse): void {
  const started = cacheClock();
  res.once("finish", () => {
    if (res.statusCode < 500 && tagStore.latest() < started) void expireTags(["pages"]);
  });
}

/**
 * While the database is down, a 5xx that Next writes for a page or route (its render failed on
 * the database) goes out as 503 with Retry-After: the client, a proxy and the access log then
 * see "try again shortly", not a bug. During shutdown every response closes its connection.
 */
function rewriteStatus(res: ServerResponse, { isAction }: { isAction: boolean }): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    let status = statusCode;
    if (status >= 500 && status !== 503 && !isAction && databaseIsDown()) {
      status = 503;
      this.setHeader("Retry-After", String(pages.RETRY_AFTER_SECONDS));
      this.setHeader("Cache-Control", "no-store");
      // A reason phrase given for the old status would be wrong for the new one.
      if (typeof rest[0] === "string") rest.shift();
    }
    if (shuttingDown) this.setHeader("Connection", "close");
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
}

function isChunkedWithoutLength(req: IncomingMessage): boolean {
  return req.headers["content-length"] === undefined && req.headers["transfer-encoding"] !== undefined;
}

/**
 * A body without Content-Length (chunked) is held back from Next until it has arrived in full,
 * counting bytes: under the limit it is handed on unchanged; over it, the rest is dropped and
 * Next never sees the request. Holding at most the limit in memory is the price of answering
 * 413 cleanly instead of cutting off a body Next is already reading.
 */
function holdStreamedBody(
  req: IncomingMessage,
  limit: number,
): { complete: Promise<"complete" | "over" | "aborted">; release: () => void } {
  const push = req.push;
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  let ended = false;
  let resolve!: (state: "complete" | "over" | "aborted") => void;
  const complete = new Promise<"complete" | "over" | "aborted">((done) => (resolve = done));
  let discarded = 0;
  // Node's HTTP parser hands each piece of the body to `req.push`, and `null` at the end.
  req.push = (chunk: Buffer | null) => {
    if (over) {
      // Over the limit: thrown away up to the end (then the request ends as usual and the
      // connection can serve the next one), or up to DISCARD_MAX_BYTES.
      if (chunk === null) return push.call(req, null);
      discarded += chunk.length;
      if (discarded > DISCARD_MAX_BYTES) req.socket.destroy();
      return true;
    }
    if (chunk === null) {
      ended = true;
      resolve("complete");
      return false;
    }
    size += chunk.length;
    if (size > limit) {
      over = true;
      chunks.length = 0;
      resolve("over");
      return true;
    }
    chunks.push(chunk);
    return true;
  };
  req.once("close", () => resolve("aborted"));
  return {
    complete,
    // Hands what arrived so far, and from now on everything, to whoever reads the request.
    release: () => {
      req.push = push;
      for (const chunk of chunks.splice(0)) req.push(chunk);
      if (ended) req.push(null);
    },
  };
}

/** Whether every path segment decodes: `/stories/%E0%A4%A` would make Next's decoding throw. */
function hasValidEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

// Idle keep-alive connections stay open for a minute (Node's default is 5 s). A client that
// reuses a connection just as the server closes it gets a reset instead of an answer; load
// balancers keep their own idle connections for about a minute, and so do test clients between
// a member's slow steps.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.on("connection", (socket: Socket) => {
  accepted++;
  connections.set(socket, { requests: 0, active: 0 });
  socket.once("close", () => {
    connections.delete(socket);
    if (shuttingDown) checkDrained();
  });
});

/**
 * Closes keep-alive connections that wait for a next request. Node's own version (which
 * `server.close()` calls) also closes a connection it accepted whose first request it has not
 * read yet, which resets a request the client has already sent.
 */
function closeIdleConnections(): void {
  for (const [socket, connection] of connections) {
    if (connection.requests > 0 && connection.active === 0) socket.destroy();
  }
}
server.closeIdleConnections = closeIdleConnections;

/**
 * Connections the kernel has already set up wait in the listen backlog until the event loop
 * takes them, a few per turn of the loop, and a loop busy rendering pages turns slowly. Closing
 * the listener while they wait resets them: requests their clients have already sent. So keep
 * accepting until a turn of the loop takes no new connection (at most ACCEPT_BACKLOG_MAX_MS,
 * as new clients may keep coming).
 */
async function acceptBacklog(): Promise<void> {
  const deadline = performance.now() + Math.min(ACCEPT_BACKLOG_MAX_MS, shutdownTimeoutMs);
  for (let seen = -1; seen !== accepted && performance.now() < deadline;) {
    seen = accepted;
    // A timer, then an immediate: the loop has polled for new connections in between.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function checkDrained(): void {
  if (inFlight > 0) return;
  for (const connection of connections.values()) if (connection.requests === 0) return;
  onDrained?.();
}

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) {
    // Ctrl-C reaches every process of the group, and npm and tsx each pass it on as well: copies
    // within a second are the same request to stop.
    if (performance.now() - shutdownStartedAt < 1_000) return;
    log.warn("second signal during shutdown: exiting now", { signal });
    process.exit(1);
  }
  shuttingDown = true;
  const started = performance.now();
  shutdownStartedAt = started;
  log.info("shutdown started", {
    signal,
    inFlight,
    connections: connections.size,
    timeoutMs: shutdownTimeoutMs,
  });

  await acceptBacklog();
  // Stop accepting connections. Idle keep-alive connections close now, busy ones after their
  // response (which carries Connection: close from here on), and accepted ones that have not
  // sent a request yet after a moment (a browser's preconnect never does).
  server.close();
  closeIdleConnections();
  log.info("shutdown: no longer accepting connections", { inFlight, connections: connections.size });
  setTimeout(() => {
    // Timers run before the loop reads sockets: on a loop that was busy past the grace, a request
    // that arrived meanwhile is still unread. Read first (an immediate runs after the poll).
    setImmediate(() => {
      for (const [socket, connection] of connections) if (connection.requests === 0) socket.destroy();
    });
  }, FIRST_REQUEST_GRACE_MS).unref();

  const drained = await new Promise<boolean>((resolve) => {
    onDrained = () => resolve(true);
    setTimeout(() => resolve(false), shutdownTimeoutMs).unref();
    checkDrained();
  });
  if (!drained) log.warn("shutdown timeout: closing connections with requests still in flight", { inFlight });
  server.closeAllConnections();

  await runShutdownHooks();
  try {
    await Promise.race([closeDb(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  } catch (error) {
    log.warn("closing the database failed", errorFields(error));
  }
  log.info("shutdown complete", { durationMs: Math.round(performance.now() - started), drained });
  process.exit(0);
}

process.on("SIGTERM", (signal) => void shutdown(signal));
// A worker whose primary is gone (killed) stops too, instead of serving on unsupervised.
if (cluster.isWorker) process.on("disconnect", () => void shutdown("SIGTERM"));
process.on("SIGINT", (signal) => void shutdown(signal));
process.on("uncaughtException", (error) => log.error("uncaught exception", errorFields(error)));
process.on("unhandledRejection", (reason) => log.error("unhandled rejection", errorFields(reason)));

try {
  await app.prepare();
  // Started: nothing changes the environment any more (Next has read its .env files), so the
  // configuration stops being re-read from process.env on every call (lib/env.ts).
  freezeEnv();
} catch (error) {
  log.error("the app could not start", errorFields(error));
  process.exit(1);
}

// A signal during start-up has already begun the shutdown.
if (!shuttingDown) {
  server.listen(port, hostname, () => {
    log.info("server listening", {
      url: `http://${hostname ?? "localhost"}:${port}`,
      hostname: hostname ?? "all interfaces",
      port,
      bodyLimit,
      shutdownTimeoutMs,
    });
  });
}
server.on("error", (error) => {
  log.error("server error", errorFields(error));
  process.exit(1);
});
