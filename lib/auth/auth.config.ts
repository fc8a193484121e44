import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/db/schema";
import { safeCallbackUrl } from "./callback-url";

/*
 * Edge-safe part of the Auth.js configuration: no database, no Node APIs, so it can run
 * anywhere; lib/auth/auth.ts adds the adapter and the credentials provider.
 */
export const authConfig = {
  // Auth.js's own pages are ours: errors (an expired sign-in link) are explained on /signin.
  pages: { signIn: "/signin", error: "/signin", verifyRequest: "/signin/check-email" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // Self-hosted behind whatever proxy the operator runs; the host only builds callback URLs.
  trustHost: true,
  providers: [],
  callbacks: {
    // Auth.js's own redirects (after a sign-in link, sign-out) follow the same rule as ours.
    redirect({ url, baseUrl }) {
      const origin = new URL(baseUrl).origin;
      return `${origin}${safeCallbackUrl(url, origin)}`;
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.handle = user.handle;
        token.role = user.role;
        token.name = user.name;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.handle = token.handle as string;
      session.user.role = token.role as Role;
      session.user.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module "next-auth" {
  interface User {
    handle: string;
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: {
      id: string;
      name: string;
      handle: string;
      role: Role;
      sessionVersion: number;
      email?: string | null;
    };
  }
}
