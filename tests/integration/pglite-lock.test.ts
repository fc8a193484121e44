import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

/** Opens the data dir in a separate Node process, as a second server would. */
async function openInOtherProcess(dataDir: string): Promise<string> {
  try {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "tests/support/open-pglite.ts", dataDir],
      { cwd: root },
    );
    return stdout.trim();
  } catch (error) {
    return ((error as { stdout?: string }).stdout ?? "").trim();
  }
}

describe.skipIf(Boolean(process.env.DATABASE_URL))("embedded database lock", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vertrekpunt-lock-"));
  const dataDir = path.join(dir, "pglite");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a second process with a clear message while the first has it open", async () => {
    const handle = await openDatabase({ dataDir });
    try {
      expect(existsSync(`${dataDir}.lock`)).toBe(true);
      const message = await openInOtherProcess(dataDir);
      expect(message).toContain(`already in use by process ${process.pid}`);
      expect(message).toContain("DATABASE_URL");
    } finally {
      await handle.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    expect(await openInOtherProcess(dataDir)).toBe("opened");
    // Two child processes that each start tsx and PGlite: slow on a busy two-core machine.
  }, 120_000);

  it("takes over the lock of a process that no longer runs", async () => {
    // PID 2^22 + 1 is above Linux's maximum PID, so no process has it.
    writeFileSync(`${dataDir}.lock`, String(4_194_305));
    expect(await openInOtherProcess(dataDir)).toBe("opened");
  }, 120_000);
});
