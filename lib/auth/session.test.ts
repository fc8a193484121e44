import { describe, expect, it, vi } from "vitest";

// Signed out: no session, so the database is never asked.
vi.mock("./auth", () => ({ auth: async () => null }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

const { requireUser } = await import("./session");

describe("requireUser for a signed-out visitor", () => {
  it("sends them to sign in, coming back to the given path", async () => {
    await expect(requireUser("/starting-points#propose")).rejects.toThrow("redirect /signin?callbackUrl=%2Fstarting-points%23propose");
  });

  it("ends the request the caller's way when given a function", async () => {
    const otherwise = () => {
      throw new Error("refused");
    };
    await expect(requireUser(otherwise)).rejects.toThrow("refused");
  });
});
