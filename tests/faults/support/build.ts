import { spawnSync } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

/**
 * Vitest global setup of the `faults` project: builds the app once when the sources changed,
 * with the same build-if-stale logic as `npm start` (scripts/start.ts --build-only).
 */
export default function buildOnce(): void {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts", "start.ts"), "--build-only"],
    {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  if (result.status !== 0)
    throw new Error(`building the app failed (exit ${result.status ?? result.signal})`);
}
