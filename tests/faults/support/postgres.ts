import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../support/ports";
import { findPostgresBinary, postgresUserIds } from "../../support/postgres-server";

/*
 * A PostgreSQL cluster of our own for one test file, in /tmp (a socket inside the repository
 * upsets Turbopack), on a free loopback port. It can be stopped and started again on the same
 * data folder and port, which is what the outage test needs. PostgreSQL refuses to run as root:
 * as root, the server commands run as the `postgres` user (as in scripts/with-postgres.sh).
 */

const asRoot = process.getuid?.() === 0;
const run = promisify(execFile);

export class PostgresCluster {
  readonly port: number;
  readonly dir: string;
  readonly database = "vertrekpunt";
  private readonly initdb = findPostgresBinary("initdb");
  private readonly pgCtl = findPostgresBinary("pg_ctl");

  private constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
  }

  get dataDir(): string {
    return path.join(this.dir, "data");
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${this.database}`;
  }

  /** initdb, start, create the app's (empty) database. */
  static async create(): Promise<PostgresCluster> {
    const dir = mkdtempSync("/tmp/vp-faults-pg-");
    if (asRoot) {
      const { uid, gid } = postgresUserIds();
      chownSync(dir, uid, gid);
    }
    const cluster = new PostgresCluster(dir, await freePort());
    const initdb = (locale: string) =>
      cluster.run(
        cluster.initdb,
        ["-D", cluster.dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", locale],
        true,
      );
    if (!(await initdb("--locale=C.UTF-8"))) {
      rmSync(cluster.dataDir, { recursive: true, force: true });
      if (!(await initdb("--no-locale"))) throw new Error("initdb failed");
    }
    await cluster.start();
    const client = new pg.Client({
      connectionString: `postgres://postgres@127.0.0.1:${cluster.port}/postgres`,
    });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${cluster.database}`);
    } finally {
      await client.end();
    }
    return cluster;
  }

  /** Starts the server on the same data folder and port; resolves once it accepts connections. */
  async start(): Promise<void> {
    await this.run(this.pgCtl, [
      "start",
      "-D",
      this.dataDir,
      "-w",
      "-t",
      "60",
      "-l",
      path.join(this.dir, "postgres.log"),
      "-o",
      `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=off -c full_page_writes=off`,
    ]);
  }

  /** `fast` disconnects every client and shuts down cleanly; `immediate` is closer to a crash. */
  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    await this.run(this.pgCtl, ["stop", "-D", this.dataDir, "-m", mode, "-w", "-t", "60"]);
  }

  async query<Row extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<Row[]> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query<Row>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  async destroy(): Promise<void> {
    if (existsSync(path.join(this.dataDir, "postmaster.pid")))
      await this.run(this.pgCtl, ["stop", "-D", this.dataDir, "-m", "immediate", "-w"], true);
    rmSync(this.dir, { recursive: true, force: true });
  }

  // Asynchronous, so the load a test keeps running goes on while pg_ctl waits.
  private async run(command: string, args: string[], allowFailure = false): Promise<boolean> {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
    try {
      await run(file, argv, { cwd: this.dir, encoding: "utf8" });
      return true;
    } catch (error) {
      if (allowFailure) return false;
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(
        `${path.basename(command)} ${args[0]} failed: ${stderr || stdout || (error as Error).message}`,
      );
    }
  }
}
