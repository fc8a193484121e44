import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startServer, waitUntil, type AppServer } from "./support/server";

/*
 * SIGTERM (what a process manager or `docker stop` sends): the server stops accepting
 * connections, lets the requests in flight finish (at most SHUTDOWN_TIMEOUT_MS), runs the
 * shutdown hooks, closes the database and exits 0.
 */

let dataDir: string;
let server: AppServer | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "vp-faults-sigterm-"));
});

afterEach(async () => {
  await server?.stop("SIGKILL");
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

type Answer = { status: number; body: string; error?: string };

/** A GET on a connection of its own (no keep-alive pool), so each one is a request in flight. */
function get(port: number, pathname: string): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: pathname, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", (error: NodeJS.ErrnoException) =>
        resolve({ status: res.statusCode ?? 0, body, error: error.code ?? error.message }),
      );
    });
    req.on("error", (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, body: "", error: error.code ?? error.message }),
    );
    req.end();
  });
}

/** Whether a new TCP connection is refused. */
function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

const embedded = () => ({ PGLITE_DATA_DIR: path.join(dataDir, "pglite") });

describe("SIGTERM", () => {
  it("finishes the requests in flight, refuses new connections, closes the database and exits 0", async () => {
    server = await startServer({ ...embedded(), SHUTDOWN_TIMEOUT_MS: "10000" });
    const { port } = server;
    // Many heavy pages at once on two cores: the last ones take seconds. Each is a real request
    // in flight when the signal arrives.
    const paths = Array.from({ length: 30 }, (_, i) =>
      i % 2 ? "/starting-points" : `/stories?q=learning&n=${i}`,
    );
    const answers = Promise.all(paths.map((pathname) => get(port, pathname)));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    // A loop busy with thirty pages takes a while to even see the signal.
    await waitUntil(
      () => server!.logs().some((line) => line.msg === "shutdown: no longer accepting connections"),
      30_000,
    );
    const refused = await connectionRefused(port);

    const exit = await server.exited;
    const exitMs = Date.now() - signalledAt;
    const results = await answers;

    expect(refused).toBe(true);
    for (const [i, answer] of results.entries()) {
      expect(answer.error, `${paths[i]}: connection error`).toBeUndefined();
      expect(answer.status, paths[i]).toBe(200);
      expect(answer.body.trimEnd().endsWith("</html>"), `${paths[i]}: whole page`).toBe(true);
    }
    expect(exit).toEqual({ code: 0, signal: null });
    // The bound: up to 2 s taking connections from the backlog, then SHUTDOWN_TIMEOUT_MS, plus slack.
    expect(exitMs).toBeLessThan(2_000 + 10_000 + 8_000);

    const started = server.logs().find((line) => line.msg === "shutdown started");
    expect(started).toMatchObject({ level: "info", signal: "SIGTERM", timeoutMs: 10_000 });
    expect(Number(started?.inFlight)).toBeGreaterThan(0);
    expect(server.logs().find((line) => line.msg === "shutdown complete")).toMatchObject({ drained: true });
    // The database was closed: the embedded database's lock is released.
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
    console.log(`SIGTERM with ${String(started?.inFlight)} requests in flight: exit 0 after ${exitMs} ms`);
  });

  it("gives up on a request that never ends after SHUTDOWN_TIMEOUT_MS, and still exits 0", async () => {
    server = await startServer({ ...embedded(), SHUTDOWN_TIMEOUT_MS: "2000" });
    // An upload that starts and never finishes.
    const socket = connect({ host: "127.0.0.1", port: server.port });
    socket.on("error", () => undefined);
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      "POST /api/v1/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n5\r\nhello\r\n",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    await waitUntil(
      () => server!.logs().some((line) => line.msg === "shutdown: no longer accepting connections"),
      30_000,
    );
    // Still running (it waits for the upload), but no longer taking connections.
    const refused = await connectionRefused(server.port);
    const aliveWhileRefusing = server.alive();
    const exit = await server.exited;
    const exitMs = Date.now() - signalledAt;
    socket.destroy();

    expect(refused).toBe(true);
    expect(aliveWhileRefusing).toBe(true);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitMs).toBeGreaterThanOrEqual(2_000);
    expect(exitMs).toBeLessThan(2_000 + 8_000);
    expect(
      server
        .logs()
        .find((line) => line.msg === "shutdown timeout: closing connections with requests still in flight"),
    ).toMatchObject({ inFlight: 1 });
    expect(server.logs().find((line) => line.msg === "shutdown complete")).toMatchObject({ drained: false });
  });

  it("passes through scripts/start.ts (what `npm start` runs): the signal reaches the server and its exit code comes back", async () => {
    server = await startServer(
      { ...embedded(), AUTH_SECRET_FILE: path.join(dataDir, "auth-secret") },
      { viaStart: true },
    );
    server.child.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs().some((line) => line.msg === "shutdown complete")).toBe(true);
  });

  it("shuts down gracefully on Ctrl-C, which every process of the group receives at once", async () => {
    server = await startServer(
      { ...embedded(), AUTH_SECRET_FILE: path.join(dataDir, "auth-secret") },
      { viaStart: true, ownProcessGroup: true },
    );
    process.kill(-server.child.pid!, "SIGINT");
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const messages = server.logs().map((line) => line.msg);
    expect(messages).toContain("shutdown complete");
    expect(messages).not.toContain("second signal during shutdown: exiting now");
  });
});
