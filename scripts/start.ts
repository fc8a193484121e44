/*
 * `npm start`: build when there is no build of the current sources, then serve with
 * scripts/server.ts. The build stamp is a hash of everything that goes into the build, so a
 * stale `.next/` from an older checkout is never served.
 *
 * `--build-only` builds when needed and exits (the fault tests and CI use it before they start
 * servers of their own).
 */
import { spawnSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureAuthSecret } from "../lib/auth/secret";

// Next reports anonymous usage to Vercel unless told not to; a self-hosted installation (and
// every test run, which builds through this script) stays quiet unless its operator opts in.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const root = path.resolve(import.meta.dirname, "..");
const stampFile = path.join(root, ".next", "vertrekpunt-build-hash");
const inputs = ["app", "components", "lib", "db", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const skip = new Set(["node_modules", ".next", ".data"]);

function hashSources(): string {
  const hash = createHash("sha256");
  const visit = (file: string) => {
    if (!existsSync(file)) return;
    if (statSync(file).isDirectory()) {
      for (const entry of readdirSync(file).sort()) if (!skip.has(entry)) visit(path.join(file, entry));
    } else if (!/\.test\.tsx?$/.test(file)) {
      hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  };
  for (const input of inputs) visit(path.join(root, input));
  return hash.digest("hex");
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const buildOnly = process.argv.includes("--build-only");

if (!buildOnly) {
  try {
    ensureAuthSecret();
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const hash = hashSources();
const current = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === hash;
if (current) {
  console.log("Using the existing build (sources unchanged).");
} else {
  console.log("Building the app (first start or changed sources)…");
  run(process.execPath, [nextBin, "build"]);
  writeFileSync(stampFile, hash);
}

if (buildOnly) process.exit(0);

// The server runs in a child process with a clean module graph (tsx for its TypeScript). It
// handles SIGTERM itself (finishes requests in flight, then exits 0); this process passes the
// signal on and exits with the server's code.
const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "server.ts")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
