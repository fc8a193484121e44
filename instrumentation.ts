import type { Instrumentation } from "next";

// Node-only start-up work lives in db/startup.ts; this branch keeps it out of the edge build.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before the first request: that is when Next picks up the cache handler.
    (await import("./lib/cache/handler")).installCacheHandler();
    // Before the seed runs (scripts/server.ts has it wait for this): it creates the SEED_* role
    // accounts.
    (await import("./lib/auth/seed-accounts")).registerRoleAccountSeed();
    (await import("./db/seed")).seedStepsRegistered();
    const { prepareDatabaseAtStartup } = await import("./db/startup");
    await prepareDatabaseAtStartup();
    (await import("./lib/mail/worker")).startMailWorker();
    (await import("./lib/notifications/digest")).startDigestWorker();
  }
}

/*
 * Every error Next catches while rendering a page, running a route handler, a server action or
 * the proxy: one structured log line with the request id (set by scripts/server.ts) and the
 * digest, the reference app/error.tsx shows the person. A database that cannot be reached is
 * also reported to the health monitor, so the next requests get the 503 page at once.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ errorFields, log }, { loggablePath }, { isDatabaseUnavailable, reportDatabaseError }] =
    await Promise.all([import("./lib/log"), import("./lib/log/path"), import("./db/health")]);
  const requestId = request.headers["x-request-id"];
  const digest =
    typeof error === "object" && error !== null ? (error as { digest?: unknown }).digest : undefined;
  const databaseUnavailable = isDatabaseUnavailable(error);
  if (databaseUnavailable) reportDatabaseError(error);
  log.error("request failed", {
    requestId: typeof requestId === "string" ? requestId : null,
    method: request.method,
    path: loggablePath(request.path),
    digest: typeof digest === "string" ? digest : null,
    routePath: context.routePath,
    routeType: context.routeType,
    ...(databaseUnavailable ? { databaseUnavailable } : {}),
    ...errorFields(error),
  });
};
