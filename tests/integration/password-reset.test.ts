/*
 * Password reset by email, through the exported functions and the actions: the link in the
 * queued mail is what the person gets, so the tests take the token from there.
 */
import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { EDITORS } from "@/db/seed-data";
import { mailOutbox, passwordResetTokens, signInFailures, users } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { isPasswordResetTokenValid, requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { requestPasswordResetAction, resetPasswordAction } from "@/lib/auth/reset-actions";
import { env } from "@/lib/env";
import { newMember } from "../support/members";
import { setRequestHeaders } from "../support/next";
import { latestResetMail } from "../support/reset-mail";

vi.mock("next/headers", () => import("../support/next"));
vi.mock("next/navigation", () => import("../support/next"));
vi.mock("next-intl/server", () => {
  const t = Object.assign((key: string) => key, { rich: (key: string) => key, has: () => true });
  return { getTranslations: async () => t };
});

const ORIGIN = "https://vertrekpunt.example";
const OLD_PASSWORD = "the-old-password-1";
const NEW_PASSWORD = "the-new-password-2";

let n = 0;
const member = () => newMember(`Reset ${++n}`, { prefix: "reset", password: OLD_PASSWORD });

const mailCount = async () =>
  Number(
    (
      await (
        await getDb()
      )
        .select({ n: count() })
        .from(mailOutbox)
        .where(eq(mailOutbox.kind, "password-reset"))
    )[0].n,
  );
const sessionVersion = async (id: string) =>
  (await (await getDb()).select({ v: users.sessionVersion }).from(users).where(eq(users.id, id)))[0].v;
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

// The request's headers: these, with what a test adds or overrides.
const requestWith = (headers: Record<string, string> = {}) =>
  setRequestHeaders({
    "x-forwarded-for": "198.51.100.7",
    host: "vertrekpunt.example",
    "x-forwarded-proto": "https",
    ...headers,
  });

beforeEach(() => {
  requestWith();
});

describe("asking for a reset link", () => {
  it("queues a mail with a one-hour link for an account, and does nothing visible for an unknown email", async () => {
    const person = await member();
    const before = await mailCount();

    await expect(
      requestPasswordReset({ email: "nobody-at-all@example.org", locale: "en", origin: ORIGIN }),
    ).resolves.toBeUndefined();
    expect(await mailCount()).toBe(before);

    await expect(
      requestPasswordReset({ email: `  ${person.email.toUpperCase()} `, locale: "en", origin: ORIGIN }),
    ).resolves.toBeUndefined();
    expect(await mailCount()).toBe(before + 1);
    const mail = await latestResetMail(person.id);
    expect(mail).toMatchObject({ to: person.email, subject: "Choose a new password for Vertrekpunt" });
    expect(mail?.text).toContain(`${ORIGIN}/reset-password/${mail?.token}`);
    expect(mail?.text).toContain("60 minutes");
    expect(mail?.html).toContain(`href="${ORIGIN}/reset-password/${mail?.token}"`);
    // 32 random bytes, base64url.
    expect(Buffer.from(mail?.token as string, "base64url")).toHaveLength(32);
  });

  it("stores only the token's SHA-256", async () => {
    const person = await member();
    await requestPasswordReset({ email: person.email, locale: "en", origin: ORIGIN });
    const { token } = (await latestResetMail(person.id))!;
    const rows = await (
      await getDb()
    )
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, person.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(
      createHash("sha256")
        .update(token as string)
        .digest("hex"),
    );
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("writes the mail in the language of the request", async () => {
    const person = await member();
    await requestPasswordReset({ email: person.email, locale: "nl", origin: ORIGIN });
    const mail = await latestResetMail(person.id);
    expect(mail?.subject).toBe("Kies een nieuw wachtwoord voor Vertrekpunt");
    expect(mail?.text).toContain(`Hallo ${person.name},`);
  });

  it("sends nothing for an account that cannot sign in with a password", async () => {
    const before = await mailCount();
    await requestPasswordReset({ email: EDITORS.email, locale: "en", origin: ORIGIN });
    expect(await mailCount()).toBe(before);
  });

  it("makes the older link stop working when a new one is asked for", async () => {
    const person = await member();
    await requestPasswordReset({ email: person.email, locale: "en", origin: ORIGIN });
    const first = (await latestResetMail(person.id))!.token as string;
    await requestPasswordReset({ email: person.email, locale: "en", origin: ORIGIN });
    const second = (await latestResetMail(person.id))!.token as string;
    expect(second).not.toBe(first);

    expect(await isPasswordResetTokenValid(first)).toBe(false);
    expect(await resetPassword({ token: first, password: NEW_PASSWORD })).toEqual({ ok: false });
    expect(await isPasswordResetTokenValid(second)).toBe(true);
    expect(await resetPassword({ token: second, password: NEW_PASSWORD })).toEqual({
      ok: true,
      userId: person.id,
    });
  });
});

describe("setting the new password", () => {
  it("changes the password, ends every session, and works only once", async () => {
    const person = await member();
    await requestPasswordReset({ email: person.email, locale: "en", origin: ORIGIN });
    const token = (await latestResetMail(person.id))!.token as string;
    const version = await sessionVersion(person.id);

    expect(await resetPassword({ token, password: NEW_PASSWORD })).toEqual({ ok: true, userId: person.id });
    expect(await sessionVersion(person.id)).toBe(version + 1);
    expect(await verifyCredentials({ email: person.email, password: NEW_PASSWORD })).toMatchObject({
      id: person.id,
      sessionVersion: version + 1,
    });
    expect(await verifyCredentials({ email: person.email, password: OLD_PASSWORD })).toBeNull();

    // Single use: the same link again changes nothing.
    expect(await isPasswordResetTokenValid(token)).toBe(false);
    expect(await resetPassword({ token, password: "yet-another-password" })).toEqual({ ok: false });
    expect(await sessionVersion(person.id)).toBe(version + 1);
    expect(await verifyCredentials({ email: person.email, password: NEW_PASSWORD })).not.toBeNull();
  });

  it("forgives the account's failed sign-ins", async () => {
    const person = await member();
    const db = await getDb();
    await db
      .insert(signInFailures)
      .values({ key: `account:${person.email}`, failures: 12, lastFailureAt: new Date() });
    await requestPasswordReset({ email: person.email, locale: "en", origin: ORIGIN });
    const token = (await latestResetMail(person.id))!.token as string;
    expect(await resetPassword({ token, password: NEW_PASSWORD })).toMatchObject({ ok: true });
    expect(
      await db
        .select()
        .from(signInFailures)
        .where(eq(signInFailures.key, `account:${person.email}`)),
    ).toEqual([]);
  });

  it("lets only one of two simultaneous submissions of the same link through", async () => {
    const person = await member();
    await requestPasswordReset({ email: person.email, locale: "en", origin: ORIGIN });
    const token = (await latestResetMail(person.id))!.token as string;
    const results = await Promise.all([
      resetPassword({ token, password: "first-new-password" }),
      resetPassword({ token, password: "second-new-password" }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await sessionVersion(person.id)).toBe(1);
  });

  it("refuses a link after its hour", async () => {
    const person = await member();
    const askedAt = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await requestPasswordReset({ email: person.email, locale: "en", origin: ORIGIN, now: askedAt });
    const token = (await latestResetMail(person.id))!.token as string;

    expect(await isPasswordResetTokenValid(token, new Date(askedAt.getTime() + 59 * 60 * 1000))).toBe(true);
    expect(await isPasswordResetTokenValid(token, new Date(askedAt.getTime() + 60 * 60 * 1000))).toBe(false);
    expect(await resetPassword({ token, password: NEW_PASSWORD })).toEqual({ ok: false });
    expect(await verifyCredentials({ email: person.email, password: OLD_PASSWORD })).not.toBeNull();
  });

  it("refuses unknown and malformed tokens", async () => {
    expect(await resetPassword({ token: "A".repeat(43), password: NEW_PASSWORD })).toEqual({ ok: false });
    expect(await resetPassword({ token: "not-a-token", password: NEW_PASSWORD })).toEqual({ ok: false });
    expect(await isPasswordResetTokenValid("../../etc/passwd")).toBe(false);
  });
});

describe("the actions", () => {
  // scripts/with-postgres.sh sets one for the PostgreSQL run; each test here says its own.
  const siteUrl = process.env.SITE_URL;
  afterEach(() => {
    if (siteUrl === undefined) delete process.env.SITE_URL;
    else process.env.SITE_URL = siteUrl;
  });

  it("answer the same for an account and an unknown email, with the link on SITE_URL whatever host the request names", async () => {
    process.env.SITE_URL = "https://vertrekpunt.example/";
    requestWith({
      "x-forwarded-for": "192.0.2.200",
      host: "evil.example",
      "x-forwarded-host": "evil.example",
    });
    const person = await member();
    const known = await requestPasswordResetAction(null, form({ email: person.email }));
    const unknown = await requestPasswordResetAction(null, form({ email: `nobody-${n}@example.org` }));
    expect(known).toEqual({ ok: true, message: "auth.resetRequested" });
    expect(unknown).toEqual(known);
    expect((await latestResetMail(person.id))?.text).toContain("https://vertrekpunt.example/reset-password/");
  });

  // Embedded, without SITE_URL: a "forgot password" request naming another host once mailed the
  // member a working reset link to that host (issue 15, item 6).
  it("without SITE_URL, put the link on this server's own address, never on a host the request names", async () => {
    delete process.env.SITE_URL;
    const link = async (headers: Record<string, string>) => {
      // Each from an address of its own: the per-address limit is not what this is about.
      requestWith({ "x-forwarded-for": `192.0.2.${++n}`, ...headers });
      const person = await member();
      await requestPasswordResetAction(null, form({ email: person.email }));
      return /https?:\/\/[^/\s]+\/reset-password\//.exec((await latestResetMail(person.id))?.text ?? "")?.[0];
    };
    const port = env().PORT;
    expect(await link({ host: "evil.example" })).toBe(`http://localhost:${port}/reset-password/`);
    expect(
      await link({
        host: `localhost:${port}`,
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      }),
    ).toBe(`http://localhost:${port}/reset-password/`);
    expect(await link({ host: `127.0.0.1:${port}`, "x-forwarded-host": "evil.example" })).toBe(
      `http://127.0.0.1:${port}/reset-password/`,
    );
    expect(await link({ host: `127.0.0.1:${port + 1}` })).toBe(`http://localhost:${port}/reset-password/`);
    expect(await link({ host: `[::1]:${port}` })).toBe(`http://[::1]:${port}/reset-password/`);
  });

  it("check the email with the shared schema", async () => {
    expect(await requestPasswordResetAction(null, form({ email: "not an email" }))).toMatchObject({
      ok: false,
      fieldErrors: { email: [expect.any(String)] },
    });
  });

  it("limit requests per email, whether or not it has an account", async () => {
    const email = `limited-${Date.now()}@example.org`;
    for (let i = 0; i < 3; i++)
      expect(await requestPasswordResetAction(null, form({ email }))).toMatchObject({ ok: true });
    const fourth = await requestPasswordResetAction(null, form({ email }));
    expect(fourth).toMatchObject({ ok: false, formError: "tooMany" });
  });

  it("set the password and send the person to sign in; a spent or malformed link goes to the link's page", async () => {
    const person = await member();
    await requestPasswordReset({ email: person.email, locale: "en", origin: ORIGIN });
    const token = (await latestResetMail(person.id))!.token as string;

    // The password rules are sign-up's.
    expect(await resetPasswordAction(null, form({ token, password: "short" }))).toMatchObject({
      ok: false,
      fieldErrors: { password: [expect.any(String)] },
    });
    await expect(resetPasswordAction(null, form({ token, password: NEW_PASSWORD }))).rejects.toMatchObject({
      url: "/signin?reset=1",
    });
    expect(await verifyCredentials({ email: person.email, password: NEW_PASSWORD })).not.toBeNull();

    await expect(
      resetPasswordAction(null, form({ token, password: "another-password-3" })),
    ).rejects.toMatchObject({ url: `/reset-password/${token}` });
    await expect(
      resetPasswordAction(null, form({ token: "bad", password: "another-password-3" })),
    ).rejects.toMatchObject({ url: "/reset-password/invalid" });
    expect(await verifyCredentials({ email: person.email, password: NEW_PASSWORD })).not.toBeNull();
  });

  it("take about the same time whether or not the email has an account", async () => {
    const person = await member();
    const time = async (email: string) => {
      const start = performance.now();
      await requestPasswordResetAction(null, form({ email }));
      return performance.now() - start;
    };
    const known = await time(person.email);
    const unknown = await time(`nobody-timing-${n}@example.org`);
    // Both wait for the same floor; what differs (a few queries) hides under it.
    expect(unknown).toBeGreaterThanOrEqual(390);
    expect(Math.abs(known - unknown)).toBeLessThan(300);
  });
});

describe("the rate limit counts", () => {
  it("per address, across emails", async () => {
    process.env.RATE_LIMIT_PASSWORD_RESET_PER_IP = "2";
    requestWith({ "x-forwarded-for": "203.0.113.99" });
    try {
      expect(await requestPasswordResetAction(null, form({ email: `a-${n}@example.org` }))).toMatchObject({
        ok: true,
      });
      expect(await requestPasswordResetAction(null, form({ email: `b-${n}@example.org` }))).toMatchObject({
        ok: true,
      });
      expect(await requestPasswordResetAction(null, form({ email: `c-${n}@example.org` }))).toMatchObject({
        ok: false,
        formError: "tooMany",
      });
    } finally {
      delete process.env.RATE_LIMIT_PASSWORD_RESET_PER_IP;
    }
  });
});
