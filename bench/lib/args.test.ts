import { describe, expect, it } from "vitest";
import { parseArgs, PARTS } from "./args";

describe("parseArgs", () => {
  it("runs every part at full scale by default", () => {
    const options = parseArgs([]);
    expect(options.quick).toBe(false);
    expect([...options.parts]).toEqual([...PARTS]);
  });

  it("understands --quick, --skip-lighthouse and --only", () => {
    expect(parseArgs(["--quick"]).quick).toBe(true);
    expect(parseArgs(["--skip-lighthouse"]).parts.has("lighthouse")).toBe(false);
    expect([...parseArgs(["--only", "pages,comments"]).parts]).toEqual(["pages", "comments"]);
    expect([...parseArgs(["--only=queries", "--skip-lighthouse"]).parts]).toEqual(["queries"]);
  });

  it("refuses what it does not know", () => {
    expect(() => parseArgs(["--fast"])).toThrow(/unknown argument/);
    expect(() => parseArgs(["--only", "everything"])).toThrow(/unknown part/);
    expect(() => parseArgs(["--only"])).toThrow(/needs a part/);
  });
});
