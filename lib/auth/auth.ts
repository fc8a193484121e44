import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { beginSignInAttempt } from "@/lib/rate-limit/sign-in";
import { authConfig } from "./auth.config";
import { verifyCredentials } from "./credentials";
import { SuspendedSignIn } from "./errors";

// Lazy configuration: the database is opened on the first auth call, never at import.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => ({
  ...authConfig,
  adapter: DrizzleAdapter(await getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
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
  ],
}));
