import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { verifyCredentials } from "@/lib/auth/credentials";
import { createMember, EmailTakenError, getMemberByHandle } from "@/lib/members/queries";

describe("members", () => {
  it("gives members with the same name distinct handles", async () => {
    const a = await createMember({ name: "Anna de Vries", email: "anna1@example.org", passwordHash: "x" });
    const b = await createMember({ name: "Anna de Vries", email: "anna2@example.org", passwordHash: "x" });
    expect(a.handle).toBe("anna-de-vries");
    expect(b.handle).toBe("anna-de-vries-2");
    expect(await getMemberByHandle("Anna-De-Vries")).toMatchObject({ id: a.id, name: "Anna de Vries" });
  });

  it("treats emails case-insensitively as unique", async () => {
    await createMember({ name: "Bob", email: "bob@example.org", passwordHash: "x" });
    await expect(
      createMember({ name: "Bob", email: "BOB@example.org", passwordHash: "x" }),
    ).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("never exposes the email or password hash on the public profile", async () => {
    const created = await createMember({
      name: "Carla",
      email: "carla@example.org",
      passwordHash: "secret-hash",
    });
    const profile = await getMemberByHandle(created.handle);
    expect(Object.keys(profile ?? {}).sort()).toEqual(["createdAt", "handle", "id", "name"]);
  });
});

describe("credentials", () => {
  it("signs in with the right password, case-insensitive email, and nothing else", async () => {
    const passwordHash = await hashPassword("correct horse battery");
    expect(passwordHash.startsWith("$argon2id$")).toBe(true);
    const created = await createMember({ name: "Dirk", email: "dirk@example.org", passwordHash });

    expect(
      await verifyCredentials({ email: "  DIRK@example.org ", password: "correct horse battery" }),
    ).toEqual({
      id: created.id,
      name: "Dirk",
      email: "dirk@example.org",
      handle: created.handle,
      role: "member",
      sessionVersion: 0,
    });
    expect(await verifyCredentials({ email: "dirk@example.org", password: "wrong password" })).toBeNull();
    expect(
      await verifyCredentials({ email: "nobody@example.org", password: "correct horse battery" }),
    ).toBeNull();
    expect(await verifyCredentials({ email: "not an email", password: "x" })).toBeNull();
  });

  it("never lets the seeded Editors account sign in", async () => {
    expect(
      await verifyCredentials({ email: "editors@vertrekpunt.invalid", password: "anything at all" }),
    ).toBeNull();
  });
});
