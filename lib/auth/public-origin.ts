import type { NextRequest } from "next/server";

/**
 * The origin people reach the site on: SITE_URL when set, else the request's (forwarded) host,
 * as for links in feeds and mail (lib/feeds/site-url.ts), with the protocol the request came in
 * with when no proxy names one.
 */
export function publicOrigin(headers: Headers, fallbackProtocol: string, env: Record<string, string | undefined> = process.env): string | null {
  if (env.SITE_URL) return env.SITE_URL.replace(/\/+$/, "");
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0].trim();
  if (!host) return null;
  const protocol = (headers.get("x-forwarded-proto")?.split(",")[0].trim() || fallbackProtocol).replace(/:$/, "");
  return `${protocol}://${host}`;
}

/**
 * Auth.js's route handlers build their redirects from `request.url`, which Next (with our
 * server's fixed hostname, scripts/server.ts) gives as http://localhost:<port>: a sign-in link
 * would then land on localhost. The request is handed on with the public origin instead, as
 * next-auth itself does when AUTH_URL is set (then this leaves it to next-auth). A plain Request:
 * a NextRequest would turn 127.0.0.1 back into localhost.
 */
export async function onPublicOrigin(request: NextRequest, env: Record<string, string | undefined> = process.env): Promise<NextRequest> {
  if (env.AUTH_URL || env.NEXTAUTH_URL) return request;
  const origin = publicOrigin(request.headers, request.nextUrl.protocol, env);
  const current = new URL(request.url);
  if (!origin || !URL.canParse(origin) || new URL(origin).origin === current.origin) return request;
  const url = new URL(`${current.pathname}${current.search}`, origin);
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  // Auth.js only reads what a standard Request has.
  return new Request(url, { method: request.method, headers: request.headers, body }) as NextRequest;
}
