/*
 * Several server processes on one port (decision 029): with PostgreSQL, `npm start` runs one
 * per core, because one Node process renders on one core. The primary only forks the workers,
 * passes signals on and replaces a worker that dies; each worker is a whole scripts/server.ts
 * (the operating system spreads connections over them). Workers share nothing but the database:
 * cache invalidations travel through `cache_tags` as between separate app servers (decision 024).
 */
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import { errorFields, log } from "../lib/log";

// A worker that dies this soon after its start is not restarted: it would die again.
const MIN_UPTIME_MS = 10_000;

export function runClusterPrimary(size: number): Promise<never> {
  let stopping = false;
  let exitCode = 0;
  const startedAt = new Map<Worker, number>();

  // Each worker runs scripts/server.ts, also when this process began as scripts/start.ts (which
  // runs the server in its own process): a worker must never check the build or build.
  cluster.setupPrimary({ exec: path.join(import.meta.dirname, "server.ts"), execArgv: ["--import", "tsx"] });
  const fork = () => startedAt.set(cluster.fork(), Date.now());
  for (let i = 0; i < size; i++) fork();
  log.info("cluster started", { workers: size, pid: process.pid });

  cluster.on("exit", (worker, code, signal) => {
    const uptime = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (code !== 0) exitCode = code ?? 1;
    if (!stopping) {
      log.error("a server process exited", { pid: worker.process.pid, code, signal, uptimeMs: uptime });
      if (uptime >= MIN_UPTIME_MS) {
        fork();
        return;
      }
      // One that dies at start (bad configuration, no database) takes the others with it.
      stop("SIGTERM");
    }
    if (startedAt.size === 0) process.exit(exitCode);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of startedAt.keys()) {
      try {
        worker.process.kill(signal);
      } catch (error) {
        log.warn("could not signal a server process", { pid: worker.process.pid, ...errorFields(error) });
      }
    }
  };
  // Ctrl-C reaches the workers from the terminal as well; their shutdown takes copies in its stride.
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return new Promise<never>(() => {});
}
