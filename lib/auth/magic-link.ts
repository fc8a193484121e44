import "server-only";
import type { Adapter, AdapterUser } from "@auth/core/adapters";
import type { EmailConfig, EmailProviderSendVerificationRequestParams } from "@auth/core/providers/email";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { and, eq, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import { getDb, type Database } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { siteOrigin } from "@/lib/feeds/site-url";
import { enqueueMail } from "@/lib/mail/outbox";
import { magicLinkMail } from "@/lib/mail/templates";
import { clearSignInFailures, hitRule } from "@/lib/rate-limit/limits";
import { safeCallbackUrl } from "./callback-url";
import { isSuspended } from "./credentials";
import { requestLocale } from "./request-locale";

/*
 * Sign-in by a link in the mail ("Email me a sign-in link"), through Auth.js's email provider.
 * Auth.js makes the token (random, only a hash of it with AUTH_SECRET stored in
 * verification_tokens, deleted when used) and checks it; this module decides who may get one
 * and sends it through our outbox. It never creates accounts, and the person asking learns the
 * same whether or not the address has one. See docs/decisions/022-accounts-and-verification.md.
 */

export const MAGIC_LINK_PROVIDER_ID = "email";
export const MAGIC_LINK_VALID_MINUTES = 30;
// Where the person goes after asking, whatever the address: the same page either way.
export const CHECK_EMAIL_PATH = "/signin/check-email";
// The link in the mail opens this page, which asks for one click before the token is used, so
// a mail scanner that follows links does not spend it.
export const MAGIC_LINK_LANDING_PATH = "/signin/link";

/** What a magic link may sign in: an existing account with a password (so not the seeded Editors). */
async function linkAccount(email: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      suspendedUntil: users.suspendedUntil,
      suspendedForGood: users.suspendedForGood,
    })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, isNotNull(users.passwordHash)))
    .limit(1);
  return row ?? null;
}

/** Whether a link may be sent to this address now (an active account), without counting anything. */
export async function magicLinkAllowed(email: string): Promise<boolean> {
  const account = await linkAccount(email);
  return account !== null && !isSuspended(account);
}

/**
 * Auth.js's signIn callback, for the email provider (other providers pass). When a link is
 * asked for (`verificationRequest`), an address without an active account, or one that got
 * too many links this hour, gets no token and no mail, and the same "check your email" page.
 * When a link is opened, the account must still exist and not be suspended.
 */
export async function magicLinkSignIn(params: {
  user: { email?: string | null };
  account?: { provider: string } | null;
  email?: { verificationRequest?: boolean };
}): Promise<boolean | string> {
  if (params.account?.provider !== MAGIC_LINK_PROVIDER_ID) return true;
  const email = params.user.email?.trim().toLowerCase() ?? "";
  const account = email ? await linkAccount(email) : null;

  if (params.email?.verificationRequest) {
    if (!account || isSuspended(account)) return CHECK_EMAIL_PATH;
    // Also for requests made straight to /api/auth/signin/email, around the form's own limits.
    const limited = await hitRule("passwordResetPerEmail", `magic:${email}`);
    return limited.ok ? true : CHECK_EMAIL_PATH;
  }

  if (!account) return "/signin?error=Verification";
  if (isSuspended(account)) return "/signin?error=Suspended";
  // Whoever opens the link holds the mailbox: earlier failed password attempts are forgiven.
  await clearSignInFailures(`account:${email}`);
  return true;
}

/** Auth.js's sendVerificationRequest: queues the mail with the link, in the asker's language. */
export async function sendMagicLink(
  params: Pick<EmailProviderSendVerificationRequestParams, "identifier" | "url" | "expires">,
): Promise<void> {
  const account = await linkAccount(params.identifier);
  if (!account) return;
  const db = await getDb();
  // Only the newest link works. The new token is written by Auth.js at the same time, with
  // exactly this expiry, so it is not among the ones deleted.
  await db
    .delete(verificationTokens)
    .where(
      and(
        eq(verificationTokens.identifier, params.identifier),
        lt(verificationTokens.expires, params.expires),
      ),
    );

  const [origin, locale] = await Promise.all([siteOrigin(), requestLocale()]);
  const url = magicLinkLandingUrl(params.url, origin);
  const mail = magicLinkMail({
    locale,
    name: account.name,
    email: account.email,
    url,
    validMinutes: MAGIC_LINK_VALID_MINUTES,
  });
  await enqueueMail(db, { to: account.email, userId: account.id, kind: "magic-link", ...mail });
}

/**
 * Auth.js's callback URL (…/api/auth/callback/email?callbackUrl=…&token=…&email=…) as the link
 * to our landing page on the public origin, with the destination reduced to a same-site path.
 */
export function magicLinkLandingUrl(authUrl: string, origin: string): string {
  const source = new URL(authUrl);
  const params = new URLSearchParams();
  const callbackUrl = source.searchParams.get("callbackUrl");
  const callbackPath =
    callbackUrl && URL.canParse(callbackUrl)
      ? (({ pathname, search, hash }) => `${pathname}${search}${hash}`)(new URL(callbackUrl))
      : callbackUrl;
  params.set("callbackUrl", safeCallbackUrl(callbackPath));
  params.set("token", source.searchParams.get("token") ?? "");
  params.set("email", source.searchParams.get("email") ?? "");
  return `${origin}${MAGIC_LINK_LANDING_PATH}?${params}`;
}

export function magicLinkProvider(): EmailConfig {
  return {
    id: MAGIC_LINK_PROVIDER_ID,
    type: "email",
    name: "Email",
    maxAge: MAGIC_LINK_VALID_MINUTES * 60,
    // Auth.js lower-cases and checks the address; ours are stored lower-case (lib/auth/schema.ts).
    sendVerificationRequest: sendMagicLink,
  };
}

// What Auth.js gets of a user: never the password hash.
const adapterUserColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  emailVerified: users.emailVerified,
  image: users.image,
  handle: users.handle,
  role: users.role,
  sessionVersion: users.sessionVersion,
};

/**
 * The Drizzle adapter on our users table, with three changes: it finds users by address
 * case-insensitively (the unique index is on lower(email)), it hands Auth.js only the columns
 * the session needs, and it cannot create users: accounts come from the sign-up form only
 * (our users also need a handle and a password).
 */
export function accountAdapter(db: Database): Adapter {
  const base = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  const one = async (where: SQL): Promise<AdapterUser | null> => {
    const [row] = await db.select(adapterUserColumns).from(users).where(where).limit(1);
    return row ?? null;
  };
  return {
    ...base,
    createUser: async () => {
      throw new Error("Accounts are created by signing up, not by signing in.");
    },
    getUser: (id) => one(eq(users.id, id)),
    getUserByEmail: (email) => one(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`),
    updateUser: async (data) => {
      // Auth.js only ever marks the address confirmed here (after a sign-in link was opened).
      if (data.emailVerified)
        await db.update(users).set({ emailVerified: data.emailVerified }).where(eq(users.id, data.id));
      const user = await one(eq(users.id, data.id));
      if (!user) throw new Error("No user found.");
      return user;
    },
  };
}
