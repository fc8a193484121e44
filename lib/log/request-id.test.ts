import { describe, expect, it } from "vitest";
import { isSafeRequestId, requestIdFor } from "./request-id";

describe("request ids", () => {
  it("keeps a short plain token from upstream", () => {
    expect(requestIdFor("abc-DEF_123")).toBe("abc-DEF_123");
    expect(requestIdFor(["first", "second"])).toBe("first");
    expect(isSafeRequestId("x".repeat(64))).toBe(true);
  });

  it("replaces anything else with a new UUID", () => {
    for (const unsafe of [undefined, "", "x".repeat(65), "a b", "<script>", "a/b", "é"]) {
      const id = requestIdFor(unsafe);
      expect(id).not.toBe(unsafe);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  });
});
