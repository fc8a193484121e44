import { NextResponse, type NextRequest } from "next/server";

/*
 * Redirects only: signed-out people who open a writing page go to sign in and come back.
 * It looks for the session cookie without decoding it. Auth.js's own proxy wrapper would
 * also re-issue the cookie, and a prefetch answered after "Sign out" then signed the person
 * in again. Every page and action checks the session itself; this only saves a round trip.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export default function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some(({ name }) => SESSION_COOKIES.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/stories/new", "/stories/:slug/edit"],
};
