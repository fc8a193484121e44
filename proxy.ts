import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { frameAncestorsFor } from "@/lib/security/framing";
import { generateNonce, isCrossSiteRequest, isHttpsRequest, securityHeaders } from "@/lib/security/headers";

/*
 * Runs for every page, route handler and server action (see the matcher), and does three things:
 *
 * 1. Refuses cross-site writes: a POST (or any method but GET, HEAD and OPTIONS) whose Origin
 *    is another site gets 403 before any action or handler runs. Requests without an Origin
 *    go on to Next's own server action check.
 * 2. Security headers with a fresh CSP nonce per request. The CSP also goes on the *request*
 *    headers: Next reads the nonce from there and puts it on its own scripts; `x-nonce` is for
 *    our own markup (the API reference page). See docs/decisions/015.
 * 3. Redirects only: signed-out people who open a writing page go to sign in and come back.
 *    It looks for the session cookie without decoding it. Auth.js's own proxy wrapper would
 *    also re-issue the cookie, and a prefetch answered after "Sign out" then signed the person
 *    in again. Every page and action checks the session itself; this only saves a round trip.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const WRITING_PAGES = [/^\/stories\/new$/, /^\/stories\/[^/]+\/edit$/];
// Authorised by a signed token in the URL, never by cookies, so a cross-site POST can do no more
// than the token allows: mail providers post to the one-click unsubscribe link (RFC 8058).
const TOKEN_POSTS = [/^\/unsubscribe\/[^/]+$/];

export default function proxy(request: NextRequest) {
  const nonce = generateNonce();
  const headers = securityHeaders({
    nonce,
    nodeEnv: process.env.NODE_ENV,
    https: isHttpsRequest(request.headers, request.nextUrl),
    // Only the embeds may be framed by other sites (decision 025).
    frameAncestors: frameAncestorsFor(request.nextUrl.pathname, env().EMBED_FRAME_ANCESTORS),
  });
  const withHeaders = <T extends Response>(response: T): T => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };

  const tokenPost = TOKEN_POSTS.some((path) => path.test(request.nextUrl.pathname));
  if (
    !tokenPost &&
    isCrossSiteRequest({
      method: request.method,
      headers: request.headers,
      url: request.nextUrl,
      siteUrl: process.env.SITE_URL,
    })
  ) {
    return withHeaders(
      new NextResponse("Cross-site request refused.\n", {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      }),
    );
  }

  const { pathname } = request.nextUrl;
  if (WRITING_PAGES.some((page) => page.test(pathname))) {
    const hasSession = request.cookies
      .getAll()
      .some(({ name }) => SESSION_COOKIES.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
    if (!hasSession) {
      const signIn = new URL("/signin", request.nextUrl.origin);
      signIn.searchParams.set("callbackUrl", `${pathname}${request.nextUrl.search}`);
      return withHeaders(NextResponse.redirect(signIn));
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  matcher: [
    /*
     * Everything but Next's own /_next/ paths (build assets, image optimisation, the dev
     * server's HMR socket) and the icons: pages (and the server
     * actions posted to them), route handlers including /api/auth/*, feeds. Prefetches are
     * matched too, so the writing-page redirect applies to them as before.
     */
    "/((?!_next/|favicon\\.ico|icon\\.svg|apple-icon).*)",
  ],
};
