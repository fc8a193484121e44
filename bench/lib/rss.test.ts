import { describe, expect, it } from "vitest";
import { parseVmRss, processTree } from "./rss";

describe("parseVmRss", () => {
  it("reads VmRSS in bytes", () => {
    expect(parseVmRss("Name:\tnode\nVmPeak:\t 900 kB\nVmRSS:\t  123456 kB\nThreads:\t11\n")).toBe(
      123456 * 1024,
    );
  });
  it("gives null when the line is missing", () => {
    expect(parseVmRss("Name:\tkthreadd\nState:\tS (sleeping)\n")).toBeNull();
  });
});

describe("processTree", () => {
  it("finds children and grandchildren, and nothing else", () => {
    const parents = new Map([
      [10, 1],
      [11, 10],
      [12, 11],
      [13, 10],
      [20, 1],
      [21, 20],
    ]);
    expect(processTree(10, parents).sort()).toEqual([10, 11, 12, 13]);
  });
});
