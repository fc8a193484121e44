import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { ROOT } from "./build";
import { freePort } from "../../support/ports";

/*
 * The production server (scripts/server.ts, on the build the global setup made) in a child
 * process of its own, so a test can send it signals, kill it and start it again.
 */

export type LogLine = { level?: string; msg?: string; [field: string]: unknown };
export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type AppServer = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it printed so far, line by line. */
  output: () => string[];
  /** Its structured log lines (the JSON ones) so far. */
  logs: () => LogLine[];
  alive: () => boolean;
  exited: Promise<Exit>;
  /** Sends `signal` (default SIGTERM) and waits for the process to end. */
  stop: (signal?: NodeJS.Signals) => Promise<Exit>;
};

export const AUTH_SECRET = randomBytes(32).toString("base64url");

/**
 * Starts scripts/server.ts on a free port with `env` on top of the defaults. With `viaStart`,
 * starts it the way `npm start` does, through scripts/start.ts (which then is the child).
 * With `ownProcessGroup`, the child leads a process group of its own.
 */
export async function startServer(
  env: Record<string, string>,
  { waitForHealth = true, viaStart = false, ownProcessGroup = false } = {},
): Promise<AppServer> {
  const port = await freePort();
  const inherited = { ...process.env };
  // Each test says which database it wants; nothing leaks in from the shell that runs the tests.
  delete inherited.DATABASE_URL;
  delete inherited.PGLITE_DATA_DIR;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts", viaStart ? "start.ts" : "server.ts")],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, like a terminal's foreground job: `process.kill(-pid, "SIGINT")` is Ctrl-C.
      detached: ownProcessGroup,
      env: {
        ...inherited,
        NODE_ENV: "production",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        AUTH_SECRET,
        LOG_LEVEL: "info",
        // Every test signs up many members from 127.0.0.1.
        RATE_LIMIT_SIGN_UP_PER_IP: "1000000",
        RATE_LIMIT_SIGN_IN_FAILURES_PER_IP: "1000000",
        RATE_LIMIT_API_PER_IP: "1000000",
        RATE_LIMIT_STORY_PER_MEMBER: "1000000",
        // A server with PostgreSQL needs its public origin; this one's own address, unless the test names one.
        ...(env.DATABASE_URL ? { SITE_URL: `http://127.0.0.1:${port}` } : {}),
        ...env,
      },
    },
  );
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      pending += chunk;
      const parts = pending.split("\n");
      pending = parts.pop() ?? "";
      lines.push(...parts);
      if (process.env.FAULTS_VERBOSE) for (const line of parts) console.log(`[server ${port}] ${line}`);
    });
  }
  let exit: Exit | null = null;
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: AppServer = {
    url,
    port,
    child,
    output: () => [...lines],
    logs: () =>
      lines.flatMap((line) => {
        if (!line.startsWith("{")) return [];
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      }),
    alive: () => exit === null,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (exit) return exit;
      child.kill(signal);
      return exited;
    },
  };
  if (waitForHealth) {
    try {
      await waitUntil(
        async () => (await fetch(`${url}/api/health`).catch(() => null))?.status === 200,
        120_000,
        () => !server.alive(),
      );
    } catch (error) {
      await server.stop("SIGKILL");
      throw new Error(`${(error as Error).message}; the server printed:\n${lines.slice(-40).join("\n")}`);
    }
  }
  return server;
}

/** Polls `check` every 100 ms until it is true; throws after `timeoutMs` or when `giveUp()`. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  giveUp: () => boolean = () => false,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (giveUp()) throw new Error("gave up waiting: the process ended");
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
