import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../tests/support/ports";
import { spawnTracked, stopProcess } from "./processes";
import type { StartupResult } from "./types";

/*
 * Embedded mode's start: `npm start` (scripts/start.ts on the existing build) until the home
 * page answers 200, first on a data folder that does not exist yet (migrations and the seed
 * run), then again on the data that run left (what every later start does).
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..");

async function timeToFirstPage(dataDir: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    PGLITE_DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawnTracked(
    "embedded server",
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")],
    { cwd: ROOT, env, stdio: "ignore" },
  );
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`npm start exited (${child.exitCode}) before serving a page`);
      const status = await fetch(`http://127.0.0.1:${port}/`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return performance.now() - started;
      if (performance.now() - started > 180_000) throw new Error("no page within 180 s of npm start");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await stopProcess(child, "SIGTERM", 20_000);
  }
}

export async function measureEmbeddedStartup(): Promise<StartupResult> {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "vp-bench-start-")), "pglite");
  const freshDataMs = await timeToFirstPage(dataDir);
  const existingDataMs = await timeToFirstPage(dataDir);
  return { freshDataMs, existingDataMs };
}
