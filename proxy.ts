import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/auth.config";

/*
 * Redirects only: signed-out people who open a writing page go to sign in and come back.
 * Every page and action checks access again itself; this just saves a round trip.
 */
const { auth } = NextAuth(authConfig);

export default auth((request) => {
  if (request.auth) return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
});

export const config = {
  matcher: ["/stories/new", "/stories/:slug/edit"],
};
