import { randomBytes } from "node:crypto";
import { openSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../tests/support/ports";
import { spawnTracked, stopProcess, waitUntil } from "./processes";

/*
 * The production server as `npm start` runs it (scripts/server.ts on the current build), in a
 * process of its own, its log written to a file as a deployment would. The per-member and
 * per-address rate limits are lifted: the bench is one address and eight members doing in
 * seconds what a community does in a day.
 */

export type AppServer = { url: string; pid: number; logFile: string; stop: () => Promise<void> };

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export async function startAppServer(
  databaseUrl: string,
  workDir: string,
  settings: Record<string, string> = {},
): Promise<AppServer> {
  const port = await freePort();
  const logFile = path.join(workDir, "server.log");
  const log = openSync(logFile, "a");
  const child = spawnTracked(
    "app server",
    process.execPath,
    [
      // BENCH_CPU_PROF_DIR: a CPU profile of the server process, written when it stops: what the
      // time of a scenario goes to. Cluster workers are started without it (scripts/cluster.ts
      // sets their flags), so profile with WEB_CONCURRENCY=1.
      ...(process.env.BENCH_CPU_PROF_DIR
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
        : []),
      "--import",
      "tsx",
      path.join(ROOT, "scripts", "server.ts"),
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", log, log],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        // Required with DATABASE_URL: the server's own address.
        SITE_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: "info",
        REQUIRE_EMAIL_VERIFICATION: "off",
        RATE_LIMIT_COMMENT_PER_MEMBER: "1000000000",
        RATE_LIMIT_API_PER_IP: "1000000000",
        RATE_LIMIT_SIGN_IN_FAILURES_PER_IP: "1000000000",
        RATE_LIMIT_REACTION_PER_MEMBER: "1000000000",
        ...settings,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`the app server exited (${child.exitCode}); see ${logFile}`);
      return (await fetch(`${url}/api/health`).catch(() => null))?.status === 200;
    },
    180_000,
    "the app server",
  );
  return { url, pid: child.pid!, logFile, stop: () => stopProcess(child, "SIGTERM", 20_000) };
}
