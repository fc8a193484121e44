import { describe, expect, it } from "vitest";
import { commonAncestor } from "./bare-page";

describe("commonAncestor", () => {
  it("finds the deepest folder holding both paths, whole names only", () => {
    expect(commonAncestor("/work/app/node_modules", "/work/app/.data/bare")).toBe("/work/app");
    expect(commonAncestor("/work/app-2/x", "/work/app/node_modules")).toBe("/work");
    expect(commonAncestor("/tmp/vp-bench-1/bare-page-2", "/work/app/node_modules")).toBe("/");
  });
});
