import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../tests/support/ports";
import { findPostgresBinary, postgresUserIds } from "../../tests/support/postgres-server";

/*
 * The bench's own PostgreSQL cluster. Unlike the fault suite's throwaway clusters its data
 * folder is kept (.data/bench-pg by default, BENCH_PG_DIR to move it), so a second run finds
 * the scale data already seeded. Its socket goes to a temporary folder in /tmp: a socket inside
 * the repository upsets Turbopack. As root, the server commands run as the `postgres` user.
 */

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;

async function as(command: string, args: string[], cwd: string): Promise<void> {
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  try {
    await run(file, argv, { cwd, encoding: "utf8" });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(
      `${path.basename(command)} ${args[0]} failed: ${stderr || stdout || (error as Error).message}`,
    );
  }
}

export class BenchCluster {
  private socketDir: string | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get dataDir(): string {
    return path.join(this.dir, "data");
  }

  urlFor(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates the cluster on first use, then starts it on a free port. */
  static async start(dir: string): Promise<BenchCluster> {
    const cluster = new BenchCluster(path.resolve(dir), await freePort());
    mkdirSync(cluster.dir, { recursive: true });
    const ids = asRoot ? postgresUserIds() : null;
    if (ids) chownSync(cluster.dir, ids.uid, ids.gid);
    if (!existsSync(path.join(cluster.dataDir, "PG_VERSION"))) {
      rmSync(cluster.dataDir, { recursive: true, force: true });
      const initdb = findPostgresBinary("initdb");
      try {
        await as(
          initdb,
          ["-D", cluster.dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
          cluster.dir,
        );
      } catch {
        rmSync(cluster.dataDir, { recursive: true, force: true });
        await as(
          initdb,
          ["-D", cluster.dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"],
          cluster.dir,
        );
      }
    }
    // A cluster left running by an interrupted run (its postmaster.pid names a live process).
    if (existsSync(path.join(cluster.dataDir, "postmaster.pid")))
      await cluster.pgCtl(["stop", "-D", cluster.dataDir, "-m", "fast", "-w"]).catch(() => undefined);
    cluster.socketDir = mkdtempSync("/tmp/vp-bench-pg-");
    if (ids) chownSync(cluster.socketDir, ids.uid, ids.gid);
    await cluster.pgCtl([
      "start",
      "-D",
      cluster.dataDir,
      "-w",
      "-t",
      "120",
      "-l",
      path.join(cluster.dir, "postgres.log"),
      "-o",
      // Durability settings of a benchmark box, not of production: the data can be seeded again.
      `-p ${cluster.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${cluster.socketDir} -c max_connections=200 -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    ]);
    return cluster;
  }

  async ensureDatabase(database: string): Promise<void> {
    if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`bad database name ${database}`);
    const client = new pg.Client({ connectionString: this.urlFor("postgres") });
    await client.connect();
    try {
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (!rowCount) await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    if (existsSync(path.join(this.dataDir, "postmaster.pid")))
      await this.pgCtl(["stop", "-D", this.dataDir, "-m", "fast", "-w", "-t", "60"]);
    if (this.socketDir) rmSync(this.socketDir, { recursive: true, force: true });
    this.socketDir = null;
  }

  private pgCtl(args: string[]): Promise<void> {
    return as(findPostgresBinary("pg_ctl"), args, this.dir);
  }
}
