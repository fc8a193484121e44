/*
 * Auth.js's own /api/auth/session, through the real route handler and a real signed cookie: a
 * token whose sessions were ended answers `null`, as pages and actions treat it.
 */
import { encode } from "@auth/core/jwt";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { handlers } from "@/lib/auth/auth";
import { endAllSessions } from "@/lib/members/queries";
import { newMember } from "../support/members";

process.env.AUTH_SECRET = "a-test-secret-that-is-long-enough-for-auth-js";
const COOKIE = "authjs.session-token";

async function sessionCookie(
  member: { id: string; name: string; handle: string },
  sessionVersion: number,
): Promise<string> {
  const token = await encode({
    token: {
      sub: member.id,
      name: member.name,
      email: "x@example.org",
      handle: member.handle,
      role: "member",
      sv: sessionVersion,
    },
    secret: process.env.AUTH_SECRET!,
    salt: COOKIE,
  });
  return `${COOKIE}=${token}`;
}

async function session(cookie: string): Promise<unknown> {
  const request = new NextRequest("http://localhost:3000/api/auth/session", {
    headers: { cookie, host: "localhost:3000" },
  });
  const response = await handlers.GET(request);
  expect(response.status).toBe(200);
  return response.json();
}

describe("/api/auth/session", () => {
  it("answers the member for a current token, and null once the member's sessions are ended", async () => {
    const member = await newMember("Session Member", { prefix: "session" });
    const cookie = await sessionCookie(member, 0);
    expect(await session(cookie)).toMatchObject({ user: { id: member.id, name: "Session Member" } });

    await endAllSessions(member.id);
    expect(await session(cookie)).toBeNull();
    // A token made after the end is a session again.
    expect(await session(await sessionCookie(member, 1))).toMatchObject({ user: { id: member.id } });
  });

  it("answers null for a suspended member and for an account that is gone", async () => {
    const member = await newMember("Suspended Member", { prefix: "suspended" });
    const cookie = await sessionCookie(member, 0);
    await (await getDb()).update(users).set({ suspendedForGood: true }).where(eq(users.id, member.id));
    expect(await session(cookie)).toBeNull();
    await (await getDb()).delete(users).where(eq(users.id, member.id));
    expect(await session(cookie)).toBeNull();
    expect(await session("")).toBeNull();
  });
});
