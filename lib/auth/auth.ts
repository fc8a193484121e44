import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { beginSignInAttempt } from "@/lib/rate-limit/sign-in";
import { authConfig } from "./auth.config";
import { isCurrentSession, verifyCredentials } from "./credentials";
import { SuspendedSignIn } from "./errors";
import { accountAdapter, magicLinkProvider, magicLinkSignIn } from "./magic-link";
import { onPublicOrigin } from "./public-origin";

// Lazy configuration: the database is opened on the first auth call, never at import.
const nextAuth = NextAuth(async () => ({
  ...authConfig,
  // The email provider needs the adapter (its tokens); sessions stay JWTs.
  adapter: accountAdapter(await getDb()),
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: async (credentials, request) => {
        // The growing delay after failed sign-ins (lib/rate-limit/sign-in.ts): throws SignInThrottled while it lasts.
        const attempt = await beginSignInAttempt(credentials, request);
        const result = await verifyCredentials(credentials);
        // The right password, even for a suspended account, takes the counted attempt back.
        if (result) await attempt.succeeded();
        if (result === "suspended") throw new SuspendedSignIn();
        return result;
      },
    }),
    // "Email me a sign-in link" (lib/auth/magic-link.ts): existing, active accounts only.
    magicLinkProvider(),
  ],
  callbacks: { ...authConfig.callbacks, signIn: magicLinkSignIn },
}));

export const { auth, signIn, signOut } = nextAuth;

// /api/auth/*: Auth.js redirects (after a sign-in link, to its error page) go to the public origin.
export const handlers = {
  GET: async (request: NextRequest) =>
    withoutEndedSession(request, await nextAuth.handlers.GET(await onPublicOrigin(request))),
  POST: async (request: NextRequest) =>
    withoutEndedSession(request, await nextAuth.handlers.POST(await onPublicOrigin(request))),
};

/**
 * Auth.js answers /api/auth/session from the signed token alone. A token whose sessions were
 * ended (a new password, "sign out everywhere", a suspension) or whose account is gone is no
 * session: it gets `null`, as pages and actions treat it (lib/auth/session.ts). Not in the
 * session callback: `auth()` goes through that too, and pages still need the suspended member's
 * id to say why they were signed out.
 */
async function withoutEndedSession(request: NextRequest, response: Response): Promise<Response> {
  if (!request.nextUrl.pathname.endsWith("/api/auth/session") || !response.ok) return response;
  const body = (await response.clone().json()) as {
    user?: { id?: unknown; sessionVersion?: unknown };
  } | null;
  const user = body?.user;
  if (
    !user ||
    (typeof user.id === "string" &&
      typeof user.sessionVersion === "number" &&
      (await isCurrentSession({ id: user.id, sessionVersion: user.sessionVersion })))
  ) {
    return response;
  }
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  // The refreshed cookie Auth.js set would keep the ended session alive: it is dropped.
  headers.delete("set-cookie");
  return new Response("null", { status: 200, headers });
}
