import { createHash } from "node:crypto";
import type { z } from "zod";
import { errorFields, log } from "../log";
import { apiError } from "./schemas";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match",
  "Access-Control-Expose-Headers": "ETag, Retry-After",
};

/**
 * A JSON response checked against its schema (a response that breaks the contract is a bug,
 * so it fails loudly here rather than in a client), with an ETag so clients can revalidate
 * cheaply: a matching If-None-Match gets 304 without a body.
 */
export function apiJson<S extends z.ZodType>(request: Request, schema: S, body: z.input<S>): Response {
  const json = JSON.stringify(schema.parse(body));
  const etag = `"${createHash("sha1").update(json).digest("base64url")}"`;
  const headers = {
    ...CORS,
    ETag: etag,
    "Cache-Control": "public, max-age=0, must-revalidate",
    "Content-Type": "application/json; charset=utf-8",
  };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*")) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(json, { status: 200, headers });
}

export function apiProblem(status: 400 | 404, message: string, parameter?: string): Response {
  const body = apiError.parse({
    error: {
      code: status === 400 ? "bad_request" : "not_found",
      message,
      ...(parameter ? { parameter } : {}),
    },
  });
  return Response.json(body, { status, headers: { ...CORS, "Cache-Control": "no-store" } });
}

/** 429 with Retry-After (whole seconds), in the same error shape as every other failure. */
export function apiTooManyRequests(retryAfterSeconds: number): Response {
  const message = `Too many requests from this address. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`;
  const body = apiError.parse({ error: { code: "too_many_requests", message } });
  return Response.json(body, {
    status: 429,
    headers: { ...CORS, "Cache-Control": "no-store", "Retry-After": String(retryAfterSeconds) },
  });
}

export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: { ...CORS, "Access-Control-Max-Age": "86400" } });
}

/** Query parameters as zod sees them: a string, or an array when repeated. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    result[key] = values.length > 1 ? values : values[0];
  }
  return result;
}

/**
 * A read API route handler whose failures are JSON like every other answer: a client never
 * gets an empty 500. Next's own control flow (its errors carry a `NEXT_` digest) passes through.
 */
export function apiRoute<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
) {
  return async (request: Request, ...rest: Rest): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      const digest = (error as { digest?: unknown } | null)?.digest;
      if (typeof digest === "string" && digest.startsWith("NEXT_")) throw error;
      const requestId = request.headers.get("x-request-id") ?? undefined;
      log.error("api request failed", {
        requestId,
        path: new URL(request.url).pathname,
        ...errorFields(error),
      });
      const message = `The server could not answer this request.${requestId ? ` Reference: ${requestId}.` : ""}`;
      const body = apiError.parse({ error: { code: "internal_error", message } });
      return Response.json(body, { status: 500, headers: { ...CORS, "Cache-Control": "no-store" } });
    }
  };
}
