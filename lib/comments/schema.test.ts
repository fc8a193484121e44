import { describe, expect, it } from "vitest";
import { errorsOf } from "@/tests/support/english-errors";
import { commentSchema } from "./schema";

describe("comment schema", () => {
  it("enforces 2–5000 characters after trimming", () => {
    expect(errorsOf(commentSchema, { body: " a " }).body).toEqual(["Use at least 2 characters."]);
    expect(errorsOf(commentSchema, { body: "c".repeat(5001) }).body).toEqual([
      "Use at most 5000 characters.",
    ]);
    expect(errorsOf(commentSchema, { body: "ok" })).toEqual({});
  });
});
