import { describe, expect, it } from "vitest";
import { decodeCursor, decodeKeyset, encodeCursor } from "./cursor";

describe("keyset cursors", () => {
  it("round-trips", () => {
    const cursor = { at: new Date("2026-01-02T03:04:05.678Z"), id: "abc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    "",
    "not-base64!",
    Buffer.from("[1,2]").toString("base64url"),
    Buffer.from('["nope","x"]').toString("base64url"),
  ])("treats %j as no cursor", (value) => {
    expect(decodeCursor(value)).toBeNull();
  });

  it("treats a cursor that spells a NUL as no cursor, in either kind", () => {
    const spelled = (json: string) => Buffer.from(json).toString("base64url");
    expect(decodeCursor(spelled('["2026-01-02T03:04:05Z","a\\u0000b"]'))).toBeNull();
    expect(decodeKeyset(spelled('["new",["2026-01-02"],"a\\u0000"]'), "new", 1)).toBeNull();
    expect(decodeKeyset(spelled('["new",["x\\u0000"],"a"]'), "new", 1)).toBeNull();
    expect(decodeKeyset(spelled('["new",["2026-01-02"],"a"]'), "new", 1)).toEqual({
      sort: "new",
      values: ["2026-01-02"],
      id: "a",
    });
  });
});
