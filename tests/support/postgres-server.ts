import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/*
 * What every PostgreSQL cluster of our own needs (the fault suite's and the bench's): the
 * server binaries, wherever this machine keeps them, and, as root, the `postgres` user to run
 * them as (the server refuses to run as root; as in scripts/with-postgres.sh).
 */

export function findPostgresBinary(name: string): string {
  const candidates = [path.join("/usr/local/bin", name)];
  if (existsSync("/usr/lib/postgresql")) {
    for (const version of readdirSync("/usr/lib/postgresql").sort().reverse())
      candidates.push(path.join("/usr/lib/postgresql", version, "bin", name));
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) candidates.push(path.join(dir, name));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error(`${name} not found: install the PostgreSQL server binaries (see README, Requirements)`);
  return found;
}

export function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  const [uid, gid] = [id("-u"), id("-g")];
  if (!Number.isInteger(uid) || uid <= 0)
    throw new Error("running as root needs a `postgres` system user for the PostgreSQL server");
  return { uid, gid };
}
