import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/*
 * Every process the bench starts goes through here, each in a process group of its own, so one
 * `cleanup()` (on success, on failure, on Ctrl-C) ends it and whatever it started in turn.
 */

type Tracked = { child: ChildProcess; name: string; stopSignal: NodeJS.Signals };
const running = new Set<Tracked>();
const cleanups: (() => Promise<void>)[] = [];

export function spawnTracked(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & { stopSignal?: NodeJS.Signals } = {},
): ChildProcess {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options, detached: true });
  const tracked = { child, name, stopSignal: options.stopSignal ?? "SIGTERM" };
  running.add(tracked);
  child.once("exit", () => running.delete(tracked));
  child.once("error", () => running.delete(tracked));
  return child;
}

/** Sends `signal` to the child's process group; SIGKILL after `graceMs`. Resolves when it exited. */
export async function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = "SIGTERM",
  graceMs = 15_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // Already gone.
    }
  };
  kill(signal);
  const timer = setTimeout(() => kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  // Anything the child left behind in its group.
  kill("SIGKILL");
}

/** Runs `fn` during cleanup, after the processes have been stopped (last registered runs first). */
export function onCleanup(fn: () => Promise<void>): void {
  cleanups.unshift(fn);
}

let cleaning: Promise<void> | null = null;

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all([...running].map(({ child, stopSignal }) => stopProcess(child, stopSignal)));
    for (const fn of cleanups.splice(0)) {
      try {
        await fn();
      } catch (error) {
        console.error(`cleanup: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

/** Collects a child's output (for error messages), optionally echoing it with a prefix. */
export function captureOutput(child: ChildProcess, echoPrefix?: string): () => string {
  const chunks: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      chunks.push(chunk);
      if (chunks.length > 2000) chunks.splice(0, 1000);
      if (echoPrefix)
        for (const line of chunk.split("\n").filter(Boolean)) console.log(`${echoPrefix} ${line}`);
    });
  }
  return () => chunks.join("");
}

/** Resolves with the exit code; rejects with its output when it is not 0. */
export function waitForSuccess(child: ChildProcess, name: string, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(`${name} failed (${code ?? signal}):\n${output().split("\n").slice(-30).join("\n")}`),
        );
    });
  });
}

export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
