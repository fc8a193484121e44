import { describe, expect, it, vi } from "vitest";
import { Forbidden, forbidden } from "@/tests/support/next";

// Signed out: no session, so the database is never asked.
vi.mock("./auth", () => ({ auth: async () => null }));
vi.mock("next/navigation", () => import("@/tests/support/next"));

const { requireUser } = await import("./session");

describe("requireUser for a signed-out visitor", () => {
  it("sends them to sign in, coming back to the given path", async () => {
    await expect(requireUser("/starting-points#propose")).rejects.toMatchObject({
      url: "/signin?callbackUrl=%2Fstarting-points%23propose",
    });
  });

  it("ends the request the caller's way when given a function", async () => {
    await expect(requireUser(forbidden)).rejects.toBeInstanceOf(Forbidden);
  });
});
