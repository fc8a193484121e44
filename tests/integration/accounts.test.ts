/*
 * Members' accounts (docs/decisions/022): confirming the address at sign-up, sign-in links, the
 * profile, changing the password and the address, downloading one's data and deleting the
 * account. Through the actions and the exported functions; links are taken from the queued
 * mail, as a person would.
 */
import { and, count, desc, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { EDITORS } from "@/db/seed-data";
import {
  comments,
  emailTokens,
  mailOutbox,
  passwordResetTokens,
  proposals,
  stories,
  users,
  verificationTokens,
  type Role,
} from "@/db/schema";
import { signUpAction, requestMagicLinkAction } from "@/lib/auth/actions";
import { confirmEmailAction, resendConfirmationAction } from "@/lib/auth/email-actions";
import { confirmEmailToken, requestEmailChange } from "@/lib/auth/email-tokens";
import {
  accountAdapter,
  CHECK_EMAIL_PATH,
  magicLinkLandingUrl,
  magicLinkSignIn,
  sendMagicLink,
} from "@/lib/auth/magic-link";
import { onPublicOrigin, publicOrigin } from "@/lib/auth/public-origin";
import { canComment, canWritePublicly } from "@/lib/auth/permissions";
import { currentSession } from "@/lib/auth/session";
import { awaitsEmailConfirmation, emailVerificationRequired } from "@/lib/auth/verification";
import { parseEnv } from "@/lib/env";
import { createComment, setCommentUseful, setStoryUseful } from "@/lib/comments/queries";
import { setLocale } from "@/lib/i18n/actions";
import { deleteAccount, getMemberProfile, listMemberComments } from "@/lib/members/account";
import {
  changePasswordAction,
  deleteAccountAction,
  requestEmailChangeAction,
  updateProfileAction,
} from "@/lib/members/actions";
import { exportMemberData } from "@/lib/members/export";
import { createMember } from "@/lib/members/queries";
import { normaliseWebsite } from "@/lib/members/schema";
import { createProposal, setProposalSupport } from "@/lib/model/proposals";
import { setStoryRecognition, startingPointIdBySlug } from "@/lib/model/recognition";
import { createReport } from "@/lib/moderation/reports";
import { createStoryAction } from "@/lib/stories/actions";
import { createStory, updateStory } from "@/lib/stories/writes";
import { GET as exportRoute } from "@/app/settings/account/export/route";
import { postCommentAction } from "@/lib/comments/actions";
import { newMember } from "../support/members";
import { Interrupt, Redirect, requestCookies, setRequestHeaders } from "../support/next";
import { storyInput } from "../support/story-input";

// ------------------------------------------------------------------ the request, faked

process.env.RATE_LIMIT_SIGN_UP_PER_IP = "100000";
process.env.RATE_LIMIT_PASSWORD_RESET_PER_IP = "100000";

const session = vi.hoisted(() => ({
  current: null as null | { user: { id: string; sessionVersion: number } },
}));
const calls = vi.hoisted(() => ({
  signIn: [] as { provider: string; options: Record<string, unknown> }[],
  signOut: 0,
}));

vi.mock("next-auth", async () => {
  const errors = await import("@auth/core/errors");
  return { AuthError: errors.AuthError, CredentialsSignin: errors.CredentialsSignin };
});
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => session.current,
  signIn: async (provider: string, options: Record<string, unknown>) => {
    calls.signIn.push({ provider, options });
    if (options.redirect === false) return "/api/auth/verify-request";
    throw new Redirect(String(options.redirectTo ?? "/"));
  },
  signOut: async (options: { redirectTo?: string }) => {
    calls.signOut += 1;
    throw new Redirect(options?.redirectTo ?? "/");
  },
}));
vi.mock("next/navigation", () => import("../support/next"));
vi.mock("next/headers", () => import("../support/next"));
vi.mock("next-intl/server", () => {
  const t = Object.assign((key: string) => key, { rich: (key: string) => key, has: () => true });
  return {
    getTranslations: async () => t,
    getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString() }),
  };
});

const ORIGIN = "https://vertrekpunt.example";
// As in production; tests/integration/password-reset.test.ts covers the embedded mode without it.
process.env.SITE_URL = ORIGIN;
const PASSWORD = "the-right-password-1";

let n = 0;
const unique = () => `${Date.now()}-${++n}`;
const member = (overrides: { name?: string; role?: Role } = {}) =>
  newMember(overrides.name ?? `Member ${++n}`, {
    prefix: "account",
    role: overrides.role,
    password: PASSWORD,
  });

const signInAs = (user: { id: string } | null, sessionVersion = 0) => {
  session.current = user ? { user: { id: user.id, sessionVersion } } : null;
};

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};

async function run<T>(promise: Promise<T>): Promise<T | Interrupt> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof Interrupt) return error;
    throw error;
  }
}

async function latestMail(where: { to?: string; kind: string }) {
  const db = await getDb();
  const [mail] = await db
    .select({
      to: mailOutbox.toAddress,
      userId: mailOutbox.userId,
      subject: mailOutbox.subject,
      text: mailOutbox.textBody,
      html: mailOutbox.htmlBody,
    })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.kind, where.kind), where.to ? eq(mailOutbox.toAddress, where.to) : undefined))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return mail ?? null;
}

const tokenIn = (text: string | undefined) =>
  /\/verify-email\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/.exec(text ?? "")?.[1] ?? "";
const mailCount = async (kind: string, to?: string) =>
  Number(
    (
      await (
        await getDb()
      )
        .select({ n: count() })
        .from(mailOutbox)
        .where(and(eq(mailOutbox.kind, kind), to ? eq(mailOutbox.toAddress, to) : undefined))
    )[0].n,
  );
const userRow = async (id: string) => (await (await getDb()).select().from(users).where(eq(users.id, id)))[0];

let requirement: string | undefined;
beforeEach(() => {
  requirement = process.env.REQUIRE_EMAIL_VERIFICATION;
  session.current = null;
  calls.signIn = [];
  calls.signOut = 0;
  requestCookies.clear();
  // Each test comes from its own address: wrong passwords count against it (as at sign-in).
  setRequestHeaders({
    "x-forwarded-for": `192.0.2.${++n % 250}`,
    host: "vertrekpunt.example",
    "x-forwarded-proto": "https",
  });
});
afterEach(() => {
  if (requirement === undefined) delete process.env.REQUIRE_EMAIL_VERIFICATION;
  else process.env.REQUIRE_EMAIL_VERIFICATION = requirement;
});

// ------------------------------------------------------------------ confirming the address

describe("whether confirmation is required", () => {
  it("follows REQUIRE_EMAIL_VERIFICATION, and SMTP_URL when it is unset", () => {
    expect(emailVerificationRequired(parseEnv({}))).toBe(false);
    expect(emailVerificationRequired(parseEnv({ SMTP_URL: "smtp://mail.example.org" }))).toBe(true);
    expect(
      emailVerificationRequired(
        parseEnv({ SMTP_URL: "smtp://mail.example.org", REQUIRE_EMAIL_VERIFICATION: "off" }),
      ),
    ).toBe(false);
    expect(emailVerificationRequired(parseEnv({ REQUIRE_EMAIL_VERIFICATION: "on" }))).toBe(true);
    expect(emailVerificationRequired(parseEnv({ SMTP_URL: " ", REQUIRE_EMAIL_VERIFICATION: "" }))).toBe(
      false,
    );
  });

  it("holds back only accounts that were sent a link and never confirmed", () => {
    const on = parseEnv({ REQUIRE_EMAIL_VERIFICATION: "on" });
    expect(awaitsEmailConfirmation({ emailVerified: null, verifyLinkSent: true }, on)).toBe(true);
    // Accounts from before (or from while it was off) were never asked.
    expect(awaitsEmailConfirmation({ emailVerified: null, verifyLinkSent: false }, on)).toBe(false);
    expect(awaitsEmailConfirmation({ emailVerified: new Date(), verifyLinkSent: true }, on)).toBe(false);
    expect(
      awaitsEmailConfirmation(
        { emailVerified: null, verifyLinkSent: true },
        parseEnv({ REQUIRE_EMAIL_VERIFICATION: "off" }),
      ),
    ).toBe(false);
  });
});

describe("signing up while confirmation is required", () => {
  async function signUp(email: string) {
    const result = await run(
      signUpAction(
        null,
        form({ name: "New Member", email, password: PASSWORD, callbackUrl: "/stories/new" }),
      ),
    );
    expect(result).toBeInstanceOf(Redirect);
    const [row] = await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, email));
    return row.id;
  }

  it("queues a link; until it is opened the member writes drafts but neither publishes nor comments", async () => {
    process.env.REQUIRE_EMAIL_VERIFICATION = "on";
    requestCookies.set("NEXT_LOCALE", "nl");
    const email = `verify-${unique()}@example.org`;
    const id = await signUp(email);

    const created = await userRow(id);
    expect(created.emailVerified).toBeNull();
    expect(created.locale).toBe("nl");
    const mail = await latestMail({ to: email, kind: "verify-email" });
    expect(mail?.subject).toBe("Bevestig je e-mailadres voor Vertrekpunt");
    const token = tokenIn(mail?.text);
    expect(mail?.text).toContain(`${ORIGIN}/verify-email/${token}`);
    // Only the hash is stored.
    const [stored] = await (
      await getDb()
    )
      .select({ hash: emailTokens.tokenHash })
      .from(emailTokens)
      .where(eq(emailTokens.userId, id));
    expect(stored.hash).not.toContain(token);

    signInAs({ id });
    const { user } = await currentSession();
    expect(user?.emailUnconfirmed).toBe(true);
    expect(canWritePublicly(user)).toBe(false);
    expect(canComment(user, { status: "published" })).toBe(false);

    const fields = {
      title: `Unconfirmed ${unique()}`,
      organisation: "Org",
      organisationType: "network",
      summary: "",
      body: "A body that is long enough for the fifty character minimum, really it is.",
      trigger: "",
      tools: "",
      language: "en",
      startingPoints: ["improving-work-practice"],
    };
    const refused = await run(createStoryAction(null, form({ ...fields, intent: "publish" })));
    expect(refused).toMatchObject({
      ok: false,
      formError: "stories.confirmEmailToPublish",
      values: { title: fields.title },
    });
    expect(await run(createStoryAction(null, form({ ...fields, intent: "draft" })))).toBeInstanceOf(Redirect);
    const [draft] = await (
      await getDb()
    )
      .select({ status: stories.status })
      .from(stories)
      .where(eq(stories.title, fields.title));
    expect(draft.status).toBe("draft");

    const someone = await member();
    const published = await createStory({ authorId: someone.id, input: storyInput(), intent: "publish" });
    expect(
      await run(postCommentAction(null, form({ storyId: published.id, body: "Hello there" }))),
    ).toMatchObject({
      ok: false,
      formError: "comments.confirmEmailToComment",
    });

    // The link: pressing the button confirms, once.
    expect(await run(confirmEmailAction(null, form({ token })))).toMatchObject({
      url: "/verify-email/done?confirmed=1",
    });
    expect((await userRow(id)).emailVerified).toBeInstanceOf(Date);
    expect((await currentSession()).user?.emailUnconfirmed).toBe(false);
    expect(await run(confirmEmailAction(null, form({ token })))).toMatchObject({
      url: `/verify-email/${token}`,
    });
    expect(
      await run(
        createStoryAction(null, form({ ...fields, title: `${fields.title} again`, intent: "publish" })),
      ),
    ).toBeInstanceOf(Redirect);
  });

  it("sends the link again on request, replacing the old one, a few times an hour", async () => {
    process.env.REQUIRE_EMAIL_VERIFICATION = "on";
    const email = `resend-${unique()}@example.org`;
    const id = await signUp(email);
    const first = tokenIn((await latestMail({ to: email, kind: "verify-email" }))?.text);
    signInAs({ id });

    expect(await resendConfirmationAction(null, form({}))).toEqual({
      ok: true,
      message: "verifyEmail.linkSent",
    });
    const second = tokenIn((await latestMail({ to: email, kind: "verify-email" }))?.text);
    expect(second).not.toBe(first);
    expect(await confirmEmailToken({ token: first })).toEqual({ ok: false, reason: "invalid" });

    await resendConfirmationAction(null, form({}));
    await resendConfirmationAction(null, form({}));
    expect(await resendConfirmationAction(null, form({}))).toMatchObject({ ok: false, formError: "tooMany" });
    expect(await mailCount("verify-email", email)).toBe(4);
  });

  it("lets accounts in at once when confirmation is not required, and never holds back older accounts", async () => {
    process.env.REQUIRE_EMAIL_VERIFICATION = "off";
    const email = `open-${unique()}@example.org`;
    const id = await signUp(email);
    expect(await mailCount("verify-email", email)).toBe(0);
    signInAs({ id });
    expect((await currentSession()).user?.emailUnconfirmed).toBe(false);

    // Switching the requirement on later does not lock out the accounts made before.
    process.env.REQUIRE_EMAIL_VERIFICATION = "on";
    expect((await currentSession()).user?.emailUnconfirmed).toBe(false);
    expect(await resendConfirmationAction(null, form({}))).toEqual({
      ok: true,
      message: "verifyEmail.alreadyConfirmed",
    });
  });
});

// ------------------------------------------------------------------ sign-in links

describe("names and handles", () => {
  const signUp = (name: string) =>
    run(signUpAction(null, form({ name, email: `named-${unique()}@example.org`, password: PASSWORD })));
  const handleOf = async (name: string) => {
    const [row] = await (
      await getDb()
    )
      .select({ handle: users.handle })
      .from(users)
      .where(eq(users.name, name))
      .orderBy(desc(users.createdAt))
      .limit(1);
    return row?.handle;
  };

  it("refuse control, line-break and text-direction characters in a name, with a message for the field", async () => {
    for (const name of [
      "Eve\nBcc: victim@example.org",
      "Eve\r\nX: y",
      "Eve\u0007",
      "Eve\u2028Bcc",
      "Eve \u202Egnp.exe",
      "\u2066Eve\u2069",
      "Eve\u200F",
    ]) {
      expect(await signUp(name), JSON.stringify(name)).toMatchObject({
        ok: false,
        fieldErrors: { name: ["validation.nameCharacters"] },
      });
    }
    const person = await member();
    signInAs(person);
    expect(
      await updateProfileAction(
        null,
        form({ name: "Petra\nBcc: x@example.org", organisation: "", bio: "", website: "" }),
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { name: ["validation.nameCharacters"] },
    });
    // Line breaks stay welcome where text has lines.
    expect(
      await updateProfileAction(
        null,
        form({ name: "Petra", organisation: "", bio: "One\nTwo", website: "" }),
      ),
    ).toMatchObject({ ok: true });
  });

  it("refuse words that mix Latin with look-alike Cyrillic or Greek letters, and welcome names in one script", async () => {
    expect(await signUp("\u0410lice Smith")).toMatchObject({
      ok: false,
      fieldErrors: { name: ["validation.nameMixedScripts"] },
    });
    expect(await signUp("Ad\u03BCin")).toMatchObject({
      ok: false,
      fieldErrors: { name: ["validation.nameMixedScripts"] },
    });
    const cyrillic = `Алиса Петрова ${unique()}`;
    expect(await signUp(cyrillic)).toBeInstanceOf(Redirect);
    expect(await handleOf(cyrillic)).toMatch(/^alisa-petrova-/);
  });

  it("never give a newcomer a role or route word as handle", async () => {
    for (const name of ["Admin", "Moderator", "Settings", "new", "API"]) {
      expect(await signUp(name)).toBeInstanceOf(Redirect);
      const handle = await handleOf(name);
      expect(handle).toMatch(new RegExp(`^${name.toLowerCase()}-`));
    }
  });
});

describe("sign-in links", () => {
  it("are only for existing, active accounts with a password, and never tell who has one", async () => {
    const active = await member();
    const suspended = await member();
    await (await getDb()).update(users).set({ suspendedForGood: true }).where(eq(users.id, suspended.id));
    const ask = (email: string) =>
      magicLinkSignIn({
        user: { email },
        account: { provider: "email" },
        email: { verificationRequest: true },
      });

    expect(
      await magicLinkSignIn({ user: { email: "x@example.org" }, account: { provider: "credentials" } }),
    ).toBe(true);
    expect(await ask(active.email.toUpperCase())).toBe(true);
    expect(await ask(`nobody-${unique()}@example.org`)).toBe(CHECK_EMAIL_PATH);
    expect(await ask(EDITORS.email)).toBe(CHECK_EMAIL_PATH);
    expect(await ask(suspended.email)).toBe(CHECK_EMAIL_PATH);
    // At most three links an hour for one address, however they are asked for.
    await ask(active.email);
    await ask(active.email);
    expect(await ask(active.email)).toBe(CHECK_EMAIL_PATH);

    // Opening a link: the account must still be there and not suspended.
    const open = (email: string) => magicLinkSignIn({ user: { email }, account: { provider: "email" } });
    expect(await open(active.email)).toBe(true);
    expect(await open(suspended.email)).toBe("/signin?error=Suspended");
    expect(await open(`nobody-${unique()}@example.org`)).toBe("/signin?error=Verification");
  });

  it("go out through the outbox, to our landing page on the public origin, and only the newest works", async () => {
    const person = await member({ name: "Linda Link" });
    const db = await getDb();
    const expires = new Date(Date.now() + 30 * 60_000);
    await db
      .insert(verificationTokens)
      .values({ identifier: person.email, token: "older", expires: new Date(expires.getTime() - 60_000) });
    await db.insert(verificationTokens).values({ identifier: person.email, token: "newest", expires });
    const authUrl = `http://internal:3000/api/auth/callback/email?${new URLSearchParams({ callbackUrl: "http://internal:3000/stories/new", token: "a".repeat(64), email: person.email })}`;

    await sendMagicLink({ identifier: person.email, url: authUrl, expires });
    const mail = await latestMail({ to: person.email, kind: "magic-link" });
    expect(mail).toMatchObject({ userId: person.id, subject: "Your sign-in link for Vertrekpunt" });
    expect(mail?.text).toContain("Hello Linda Link,");
    expect(mail?.text).toContain(
      `${ORIGIN}/signin/link?callbackUrl=%2Fstories%2Fnew&token=${"a".repeat(64)}&email=`,
    );
    const tokens = await db
      .select({ token: verificationTokens.token })
      .from(verificationTokens)
      .where(eq(verificationTokens.identifier, person.email));
    expect(tokens.map((row) => row.token)).toEqual(["newest"]);

    await sendMagicLink({ identifier: `nobody-${unique()}@example.org`, url: authUrl, expires });
    expect(await mailCount("magic-link", person.email)).toBe(1);

    // Only same-site destinations survive into the link.
    expect(
      magicLinkLandingUrl(
        `http://h/api/auth/callback/email?callbackUrl=${encodeURIComponent("https://evil.example/x")}&token=t&email=e`,
        ORIGIN,
      ),
    ).toBe(`${ORIGIN}/signin/link?callbackUrl=%2Fx&token=t&email=e`);
    expect(
      magicLinkLandingUrl(
        "http://h/api/auth/callback/email?callbackUrl=%2F%2Fevil.example&token=t&email=e",
        ORIGIN,
      ),
    ).toContain("callbackUrl=%2F&");
  });

  it("never create accounts, find addresses in any case, and hand Auth.js no password hash", async () => {
    const person = await member();
    const adapter = accountAdapter(await getDb());
    await expect(
      adapter.createUser!({
        id: "x",
        email: "new@example.org",
        emailVerified: null,
        name: "New",
        handle: "new",
        role: "member",
        sessionVersion: 0,
      }),
    ).rejects.toThrow();
    const found = await adapter.getUserByEmail!(person.email.toUpperCase());
    expect(found).toMatchObject({
      id: person.id,
      email: person.email,
      handle: person.handle,
      role: "member",
      sessionVersion: 0,
    });
    expect(Object.keys(found ?? {})).not.toContain("passwordHash");
    expect(await adapter.getUserByEmail!(`nobody-${unique()}@example.org`)).toBeNull();
    // Opening a link proves the address.
    const updated = await adapter.updateUser!({ id: person.id, emailVerified: new Date() });
    expect(updated.emailVerified).toBeInstanceOf(Date);
    expect(Object.keys(updated)).not.toContain("passwordHash");
  });

  it("answer every address with the same page, and ask Auth.js only for accounts", async () => {
    const person = await member();
    const unknown = await run(
      requestMagicLinkAction(
        null,
        form({ email: `nobody-${unique()}@example.org`, callbackUrl: "/stories/new" }),
      ),
    );
    expect(unknown).toMatchObject({ url: CHECK_EMAIL_PATH });
    expect(calls.signIn).toEqual([]);

    const known = await run(
      requestMagicLinkAction(
        null,
        form({ email: ` ${person.email.toUpperCase()} `, callbackUrl: "//evil.example" }),
      ),
    );
    expect(known).toMatchObject({ url: CHECK_EMAIL_PATH });
    expect(calls.signIn).toEqual([
      { provider: "email", options: { email: person.email, redirectTo: "/", redirect: false } },
    ]);

    expect(await run(requestMagicLinkAction(null, form({ email: "not an address" })))).toMatchObject({
      ok: false,
      fieldErrors: { email: ["validation.email"] },
    });
  });
});

describe("Auth.js's own routes", () => {
  it("see the public origin, not the server's localhost, and never a forwarded host", async () => {
    const embedded = parseEnv({ PORT: "4000" });
    expect(publicOrigin(new Headers({ host: "127.0.0.1:4000" }), embedded)).toBe("http://127.0.0.1:4000");
    expect(
      publicOrigin(
        new Headers({
          host: "127.0.0.1:4000",
          "x-forwarded-host": "evil.example",
          "x-forwarded-proto": "https",
        }),
        embedded,
      ),
    ).toBe("http://127.0.0.1:4000");
    expect(publicOrigin(new Headers({ host: "evil.example" }), embedded)).toBe("http://localhost:4000");
    expect(
      publicOrigin(
        new Headers({ host: "app.internal:4000" }),
        parseEnv({ PORT: "4000", HOSTNAME: "app.internal" }),
      ),
    ).toBe("http://app.internal:4000");
    expect(
      publicOrigin(
        new Headers({ host: "app:3000", "x-forwarded-host": "evil.example" }),
        parseEnv({ SITE_URL: "https://site.example/" }),
      ),
    ).toBe("https://site.example");
    const request = new NextRequest("http://localhost:4000/api/auth/callback/email?token=t", {
      headers: { host: "127.0.0.1:4000" },
    });
    expect((await onPublicOrigin(request, embedded)).url).toBe(
      "http://127.0.0.1:4000/api/auth/callback/email?token=t",
    );
    const post = new NextRequest("http://localhost:3000/api/auth/signout", {
      method: "POST",
      body: "csrfToken=x",
      headers: { host: "app:3000" },
    });
    const moved = await onPublicOrigin(post, parseEnv({ SITE_URL: "https://site.example" }));
    expect(moved.url).toBe("https://site.example/api/auth/signout");
    expect(await moved.text()).toBe("csrfToken=x");
    // With AUTH_URL next-auth moves the request itself.
    expect(await onPublicOrigin(request, parseEnv({ AUTH_URL: "https://auth.example" }))).toBe(request);
  });
});

// ------------------------------------------------------------------ profile

describe("the profile", () => {
  it("keeps websites to http(s) addresses of real hosts, in one form", () => {
    expect(normaliseWebsite("")).toBe("");
    expect(normaliseWebsite(" example.org ")).toBe("https://example.org/");
    expect(normaliseWebsite("HTTP://Example.org/about?x=1")).toBe("http://example.org/about?x=1");
    expect(normaliseWebsite("javascript:alert(1)")).toBeNull();
    expect(normaliseWebsite("data:text/html,hi")).toBeNull();
    expect(normaliseWebsite("mailto:me@example.org")).toBeNull();
    expect(normaliseWebsite("https://intranet")).toBeNull();
    expect(normaliseWebsite("https://user:pw@example.org")).toBeNull();
  });

  it("is saved by its owner, checked, and shown without the address", async () => {
    const person = await member();
    signInAs(person);
    const bad = await updateProfileAction(
      null,
      form({ name: "", organisation: "Org", bio: "x".repeat(501), website: "javascript:alert(1)" }),
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: {
        name: ["validation.required"],
        bio: ["validation.tooLong"],
        website: ["settings.websiteInvalid"],
      },
      values: { organisation: "Org", website: "javascript:alert(1)" },
    });

    expect(
      await updateProfileAction(
        null,
        form({
          name: " Petra Profile ",
          organisation: " The Network ",
          bio: "Line one\nLine two",
          website: "example.org/me",
        }),
      ),
    ).toEqual({
      ok: true,
      message: "settings.profileSaved",
    });
    const profile = await getMemberProfile(person.handle);
    expect(profile).toMatchObject({
      name: "Petra Profile",
      organisation: "The Network",
      bio: "Line one\nLine two",
      website: "https://example.org/me",
      handle: person.handle,
    });
    expect(Object.keys(profile ?? {}).sort()).toEqual([
      "bio",
      "createdAt",
      "handle",
      "id",
      "name",
      "organisation",
      "website",
    ]);
  });

  it("lists the member's visible comments on published stories, newest first, a page at a time", async () => {
    const person = await member();
    const author = await member();
    const story = await createStory({ authorId: author.id, input: storyInput(), intent: "publish" });
    const draft = await createStory({ authorId: person.id, input: storyInput(), intent: "draft" });
    for (let i = 0; i < 3; i++)
      await createComment({ storyId: story.id, authorId: person.id, body: `Comment number ${i}` });
    await (
      await getDb()
    )
      .insert(comments)
      .values({ storyId: draft.id, authorId: person.id, body: "On a draft" });
    const hidden = await createComment({ storyId: story.id, authorId: person.id, body: "Hidden one" });
    await (await getDb()).update(comments).set({ hiddenAt: new Date() }).where(eq(comments.id, hidden.id));

    const first = await listMemberComments({ userId: person.id, limit: 2 });
    expect(first.items.map((c) => c.excerpt)).toEqual(["Comment number 2", "Comment number 1"]);
    expect(first.items[0].href).toMatch(new RegExp(`^/stories/[^/]+/comments/${first.items[0].id}$`));
    const second = await listMemberComments({ userId: person.id, limit: 2, after: first.older });
    expect(second.items.map((c) => c.excerpt)).toEqual(["Comment number 0"]);
    expect(second.older).toBeNull();
  });

  it("remembers the language a member chooses, for their mail", async () => {
    const person = await member();
    signInAs(person);
    await setLocale(form({ locale: "nl" }));
    expect((await userRow(person.id)).locale).toBe("nl");
    expect(requestCookies.get("NEXT_LOCALE")).toBe("nl");
  });
});

// ------------------------------------------------------------------ password and address

describe("changing the password", () => {
  it("needs the current one, ends every session and keeps this browser signed in with the new one", async () => {
    const person = await member();
    signInAs(person);
    const db = await getDb();
    await db.insert(passwordResetTokens).values({
      tokenHash: `reset-${unique()}`,
      userId: person.id,
      expiresAt: new Date(Date.now() + 60_000),
    });

    expect(
      await changePasswordAction(
        null,
        form({ currentPassword: "not-the-password", newPassword: "a-new-long-enough-password" }),
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["settings.currentPasswordWrong"] },
    });
    expect(
      await changePasswordAction(null, form({ currentPassword: PASSWORD, newPassword: "short" })),
    ).toMatchObject({ fieldErrors: { newPassword: ["validation.tooShort"] } });
    expect((await userRow(person.id)).sessionVersion).toBe(0);

    const done = await run(
      changePasswordAction(
        null,
        form({ currentPassword: PASSWORD, newPassword: "a-new-long-enough-password" }),
      ),
    );
    expect(done).toMatchObject({ url: "/settings/account?password=changed" });
    expect((await userRow(person.id)).sessionVersion).toBe(1);
    expect(calls.signIn).toEqual([
      {
        provider: "credentials",
        options: {
          email: person.email,
          password: "a-new-long-enough-password",
          redirectTo: "/settings/account?password=changed",
        },
      },
    ]);
    expect(
      await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, person.id)),
    ).toEqual([]);
    // The old token no longer counts as signed in.
    expect((await currentSession()).user).toBeNull();
  });

  it("slows down guessing like sign-in does", async () => {
    const person = await member();
    signInAs(person);
    for (let i = 0; i < 5; i++)
      await changePasswordAction(
        null,
        form({ currentPassword: `wrong-${i}`, newPassword: "a-new-long-enough-password" }),
      );
    expect(
      await changePasswordAction(
        null,
        form({ currentPassword: PASSWORD, newPassword: "a-new-long-enough-password" }),
      ),
    ).toMatchObject({
      ok: false,
      formError: "signIn",
    });
    expect((await userRow(person.id)).sessionVersion).toBe(0);
  });
});

describe("changing the address", () => {
  it("happens only when the link sent to the new address is opened, and the old address is told", async () => {
    const person = await member({ name: "Erik Email" });
    signInAs(person);
    const newEmail = `renamed-${unique()}@example.org`;
    const db = await getDb();
    await db.insert(passwordResetTokens).values({
      tokenHash: `reset-${unique()}`,
      userId: person.id,
      expiresAt: new Date(Date.now() + 60_000),
    });

    expect(
      await requestEmailChangeAction(null, form({ email: person.email, currentPassword: PASSWORD })),
    ).toMatchObject({ fieldErrors: { email: ["settings.emailSame"] } });
    expect(
      await requestEmailChangeAction(null, form({ email: newEmail, currentPassword: "wrong" })),
    ).toMatchObject({ fieldErrors: { currentPassword: ["settings.currentPasswordWrong"] } });
    expect(
      await requestEmailChangeAction(
        null,
        form({ email: ` ${newEmail.toUpperCase()} `, currentPassword: PASSWORD }),
      ),
    ).toEqual({ ok: true, message: "settings.emailChangeSent" });
    expect((await userRow(person.id)).email).toBe(person.email);

    const mail = await latestMail({ to: newEmail, kind: "change-email" });
    expect(mail).toMatchObject({ userId: null, subject: "Confirm your new email address for Vertrekpunt" });
    const token = tokenIn(mail?.text);

    signInAs(null);
    expect(await run(confirmEmailAction(null, form({ token })))).toMatchObject({
      url: "/verify-email/done?changed=1",
    });
    const changed = await userRow(person.id);
    expect(changed.email).toBe(newEmail);
    expect(changed.emailVerified).toBeInstanceOf(Date);
    const notice = await latestMail({ to: person.email, kind: "email-changed" });
    expect(notice?.text).toContain(`from ${person.email} to ${newEmail}`);
    // Reset links mailed to the old address are void.
    expect(
      await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, person.id)),
    ).toEqual([]);
    expect(await confirmEmailToken({ token })).toEqual({ ok: false, reason: "invalid" });
  });

  it("answers an address that has an account like any other, and sends nothing", async () => {
    const person = await member();
    const other = await member();
    signInAs(person);
    expect(
      await requestEmailChangeAction(null, form({ email: other.email, currentPassword: PASSWORD })),
    ).toEqual({ ok: true, message: "settings.emailChangeSent" });
    expect(await mailCount("change-email", other.email)).toBe(0);
  });

  it("refuses a link whose address another account took meanwhile", async () => {
    const person = await member();
    const address = `contested-${unique()}@example.org`;
    await requestEmailChange({ userId: person.id, email: address, locale: "en", origin: ORIGIN });
    const token = tokenIn((await latestMail({ to: address, kind: "change-email" }))?.text);
    await createMember({ name: "Quick", email: address, passwordHash: "x" });
    expect(await confirmEmailToken({ token })).toEqual({ ok: false, reason: "taken" });
    expect((await userRow(person.id)).email).toBe(person.email);
  });
});

// ------------------------------------------------------------------ deleting the account

describe("deleting the account", () => {
  async function world() {
    const leaving = await member({ name: "Lea Leaving" });
    const other = await member({ name: "Otto Other" });
    const spId = (await startingPointIdBySlug("using-knowledge")) as number;
    const ownStory = await createStory({ authorId: leaving.id, input: storyInput(), intent: "publish" });
    const ownDraft = await createStory({ authorId: leaving.id, input: storyInput(), intent: "draft" });
    const otherStory = await createStory({ authorId: other.id, input: storyInput(), intent: "publish" });
    const leavingComment = await createComment({
      storyId: otherStory.id,
      authorId: leaving.id,
      body: "My words on your story",
    });
    const reply = await createComment({
      storyId: otherStory.id,
      authorId: other.id,
      body: "A reply to Lea",
      replyToId: leavingComment.id,
    });
    const otherComment = await createComment({
      storyId: otherStory.id,
      authorId: other.id,
      body: "Otto's own comment",
    });
    await setStoryUseful({ storyId: otherStory.id, userId: leaving.id, useful: true });
    await setCommentUseful({ commentId: otherComment.id, userId: leaving.id, useful: true });
    await setStoryRecognition({
      storyId: otherStory.id,
      userId: leaving.id,
      startingPointId: spId,
      recognised: true,
    });
    const proposal = await createProposal({
      proposerId: other.id,
      name: `Proposal ${unique()}`,
      explanation: "An explanation that is long enough to count.",
      storySlugs: [],
    });
    await setProposalSupport({ proposalId: proposal.id, userId: leaving.id, supported: true });
    return { leaving, other, ownStory, ownDraft, otherStory, leavingComment, reply, otherComment, proposal };
  }

  const storyRow = async (id: string) =>
    (await (await getDb()).select().from(stories).where(eq(stories.id, id)))[0];
  const commentRow = async (id: string) =>
    (await (await getDb()).select().from(comments).where(eq(comments.id, id)))[0];

  it("keeps stories and comments as a former member's, drops drafts and marks, and counts again", async () => {
    const w = await world();
    expect((await storyRow(w.otherStory.id)).usefulCount).toBe(1);
    signInAs(w.leaving);

    expect(
      await deleteAccountAction(null, form({ content: "keep", currentPassword: "wrong" })),
    ).toMatchObject({ fieldErrors: { currentPassword: ["settings.currentPasswordWrong"] } });
    expect(await deleteAccountAction(null, form({ content: "", currentPassword: PASSWORD }))).toMatchObject({
      fieldErrors: { content: ["validation.chooseOption"] },
    });
    expect(await userRow(w.leaving.id)).toBeDefined();

    expect(
      await run(deleteAccountAction(null, form({ content: "keep", currentPassword: PASSWORD }))),
    ).toMatchObject({ url: "/signin?deleted=1" });
    expect(calls.signOut).toBe(1);
    expect(await userRow(w.leaving.id)).toBeUndefined();
    // The session of the deleted account no longer counts.
    expect((await currentSession()).user).toBeNull();

    expect(await storyRow(w.ownStory.id)).toMatchObject({ authorId: null, status: "published" });
    expect(await storyRow(w.ownDraft.id)).toBeUndefined();
    expect(await commentRow(w.leavingComment.id)).toMatchObject({
      authorId: null,
      body: "My words on your story",
      deletedAt: null,
    });
    const otherStory = await storyRow(w.otherStory.id);
    expect(otherStory).toMatchObject({ usefulCount: 0, recognitionCount: 0, commentCount: 3 });
    expect((await commentRow(w.otherComment.id)).usefulCount).toBe(0);
    const [proposal] = await (
      await getDb()
    )
      .select({ supportCount: proposals.supportCount })
      .from(proposals)
      .where(eq(proposals.id, w.proposal.id));
    expect(proposal.supportCount).toBe(0);

    const goodbye = await latestMail({ to: w.leaving.email, kind: "account-deleted" });
    expect(goodbye?.text).toContain("stay on the site");
  });

  it("deletes stories too when asked, and empties comments without breaking others' replies", async () => {
    const w = await world();
    const db = await getDb();
    // A notice still waiting in the outbox is not sent to a deleted account.
    await db.insert(mailOutbox).values({
      toAddress: w.leaving.email,
      userId: w.leaving.id,
      kind: "notification",
      subject: "s",
      textBody: "t",
    });

    expect(await deleteAccount({ userId: w.leaving.id, content: "delete" })).toEqual({ ok: true });
    expect(await storyRow(w.ownStory.id)).toBeUndefined();
    const emptied = await commentRow(w.leavingComment.id);
    expect(emptied).toMatchObject({ authorId: null, body: "" });
    expect(emptied.deletedAt).toBeInstanceOf(Date);
    expect(await commentRow(w.reply.id)).toMatchObject({ body: "A reply to Lea", deletedAt: null });
    expect((await storyRow(w.otherStory.id)).commentCount).toBe(2);
    expect(await mailCount("notification", w.leaving.email)).toBe(0);
    expect((await latestMail({ to: w.leaving.email, kind: "account-deleted" }))?.text).toContain(
      "deleted too",
    );
  });

  it("is refused to the last admin", async () => {
    const db = await getDb();
    const admins = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin"));
    await db.update(users).set({ role: "member" }).where(eq(users.role, "admin"));
    try {
      const admin = await member({ role: "admin" });
      expect(await deleteAccount({ userId: admin.id, content: "keep" })).toEqual({
        ok: false,
        reason: "last_admin",
      });
      const second = await member({ role: "admin" });
      expect(await deleteAccount({ userId: admin.id, content: "keep" })).toEqual({ ok: true });
      expect(await deleteAccount({ userId: second.id, content: "keep" })).toEqual({
        ok: false,
        reason: "last_admin",
      });
    } finally {
      for (const { id } of admins) await db.update(users).set({ role: "admin" }).where(eq(users.id, id));
    }
  });
});

// ------------------------------------------------------------------ downloading one's data

describe("downloading one's data", () => {
  it("holds what the member made and did, and nothing private of others", async () => {
    const person = await member({ name: "Dora Data" });
    const other = await member({ name: "Olga Other" });
    const moderator = await member({ role: "moderator" });
    const spId = (await startingPointIdBySlug("using-knowledge")) as number;
    const story = await createStory({
      authorId: person.id,
      input: storyInput({ title: "Dora's story" }),
      intent: "publish",
    });
    await updateStory({
      storyId: story.id,
      expectedVersion: 1,
      input: storyInput({ title: "Dora's story, edited" }),
      intent: "publish",
      editorId: moderator.id,
    });
    const otherStory = await createStory({ authorId: other.id, input: storyInput(), intent: "publish" });
    await createComment({ storyId: otherStory.id, authorId: person.id, body: "Dora comments" });
    await setStoryUseful({ storyId: otherStory.id, userId: person.id, useful: true });
    await setStoryRecognition({
      storyId: otherStory.id,
      userId: person.id,
      startingPointId: spId,
      recognised: true,
    });
    await createReport({
      reporterId: person.id,
      targetType: "story",
      targetId: otherStory.id,
      reason: "spam",
      note: "Dora reports",
    });
    await createReport({
      reporterId: other.id,
      targetType: "member",
      targetId: person.id,
      reason: "other",
      note: "About Dora",
    });

    const data = await exportMemberData(person.id);
    expect(data?.profile).toMatchObject({ name: "Dora Data", email: person.email, handle: person.handle });
    expect(data?.stories).toHaveLength(1);
    expect(data?.stories[0]).toMatchObject({
      title: "Dora's story, edited",
      startingPoints: ["improving-work-practice"],
    });
    // Every saved version, the current one last; a moderator's save is not "you", and not named.
    expect(data?.stories[0].revisions).toMatchObject([
      { version: 1, title: "Dora's story", savedByYou: true },
      { version: 2, title: "Dora's story, edited", savedByYou: false },
    ]);
    expect(data?.comments.map((c) => c.body)).toEqual(["Dora comments"]);
    expect(data?.useful.stories).toMatchObject([{ story: (await storyRow(otherStory.id)).slug }]);
    expect(data?.recognitions.inStories).toMatchObject([{ startingPoint: "using-knowledge" }]);
    expect(data?.reportsMade.map((r) => r.note)).toEqual(["Dora reports"]);

    const text = JSON.stringify(data);
    expect(text).not.toContain("About Dora");
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(moderator.id);
    expect(text).not.toMatch(/argon2|passwordHash/);

    async function storyRow(id: string) {
      return (
        await (await getDb()).select({ slug: stories.slug }).from(stories).where(eq(stories.id, id))
      )[0];
    }
  });

  it("is a JSON attachment for the signed-in member only", async () => {
    const person = await member();
    expect((await exportRoute()).status).toBe(401);
    signInAs(person);
    const response = await exportRoute();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="vertrekpunt-${person.handle}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect((await response.json()).profile.email).toBe(person.email);
  });
});
