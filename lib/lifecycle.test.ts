import { afterEach, describe, expect, it, vi } from "vitest";
import { onShutdown, runShutdownHooks } from "./lifecycle";

afterEach(() => vi.restoreAllMocks());

describe("runShutdownHooks", () => {
  it("logs a failing hook as one structured error line and still runs the others, last registered first", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const ran: string[] = [];
    onShutdown("first", () => {
      ran.push("first");
    });
    onShutdown("broken", () => {
      ran.push("broken");
      throw new Error("socket already closed");
    });

    await runShutdownHooks(1_000);

    expect(ran).toEqual(["broken", "first"]);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({
        level: "error",
        msg: "shutdown hook failed",
        hook: "broken",
        error: "socket already closed",
      }),
    ]);
    expect(typeof logged[0].time).toBe("string");
  });
});
