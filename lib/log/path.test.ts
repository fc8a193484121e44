import { describe, expect, it } from "vitest";
import { loggablePath } from "./path";

describe("paths in log lines", () => {
  it("drops the query string", () => {
    expect(loggablePath("/stories?q=private+words&after=abc")).toBe("/stories");
  });

  it("hides the tokens of links from mail", () => {
    expect(loggablePath("/reset-password/s3cr3t-token")).toBe("/reset-password/[token]");
    expect(loggablePath("/verify-email/abc?x=1")).toBe("/verify-email/[token]");
    expect(loggablePath("/unsubscribe/abc/confirm")).toBe("/unsubscribe/[token]/confirm");
    expect(loggablePath("/stories/reset-password")).toBe("/stories/reset-password");
  });
});
