import { beforeEach, describe, expect, it, vi } from "vitest";
import { setRequestHeaders } from "@/tests/support/next";

vi.mock("next/headers", () => import("@/tests/support/next"));
vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: string, values?: Record<string, string>) =>
    values ? `${key}:${JSON.stringify(values)}` : key,
}));

setRequestHeaders({ "x-request-id": "req-123" });

const { keepInputWhenUnavailable } = await import("./unavailable");
const { formError, refuse } = await import("./form-state");

function submitted() {
  const data = new FormData();
  data.append("title", "My story");
  data.append("startingPoints", "using-knowledge");
  data.append("startingPoints", "improving-work-practice");
  data.append("password", "secret-password");
  data.append("idempotencyKey", "0d4c1f9e-5b7a-4d21-9a0e-123456789abc");
  return data;
}

function refused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
}

describe("a form submitted while the database is unreachable", () => {
  beforeEach(() => vi.spyOn(process.stderr, "write").mockImplementation(() => true));

  it("answers with a message naming the request and the person's input, without passwords", async () => {
    const state = await keepInputWhenUnavailable(async () => Promise.reject(refused()), null, submitted(), [
      "startingPoints",
    ]);
    expect(state).toEqual({
      ok: false,
      fieldErrors: {},
      formError: 'unavailableSaving reference:{"id":"req-123"}',
      values: { title: "My story", startingPoints: ["using-knowledge", "improving-work-practice"] },
    });
  });

  it("recognises an outage wrapped as the cause of another error (drizzle, pg pool)", async () => {
    const wrapped = new Error("Failed query: select 1", {
      cause: new Error("Connection terminated unexpectedly"),
    });
    const state = await keepInputWhenUnavailable(async () => Promise.reject(wrapped), null, submitted());
    expect(state).toMatchObject({ ok: false, values: { title: "My story" } });
  });

  it("lets every other error through, and Next's redirects too", async () => {
    const bug = new TypeError("x is undefined");
    await expect(keepInputWhenUnavailable(async () => Promise.reject(bug), null, submitted())).rejects.toBe(
      bug,
    );
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), {
      digest: "NEXT_REDIRECT;replace;/stories/x;307;",
    });
    await expect(
      keepInputWhenUnavailable(async () => Promise.reject(redirect), null, submitted()),
    ).rejects.toBe(redirect);
    const unique = Object.assign(new Error("duplicate key value"), { code: "23505" });
    await expect(
      keepInputWhenUnavailable(async () => Promise.reject(unique), null, submitted()),
    ).rejects.toBe(unique);
  });

  it("returns the action's own answer when the database is there", async () => {
    await expect(keepInputWhenUnavailable(async () => ({ ok: true }), null, submitted())).resolves.toEqual({
      ok: true,
    });
  });

  it("returns a refusal the action threw (a guard's answer), without touching the database", async () => {
    const answer = formError("settings.signedOut", { title: "My story" });
    await expect(keepInputWhenUnavailable(async () => refuse(answer), null, submitted())).resolves.toBe(
      answer,
    );
  });
});
