/*
 * `npm start`: build when there is no build of the current sources, then serve. The build
 * stamp is a hash of everything that goes into the build, so a stale `.next/` from an older
 * checkout is never served.
 */
import { spawnSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureAuthSecret } from "../lib/auth/secret";

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

try {
  ensureAuthSecret();
} catch (error) {
  console.error(`\n${(error as Error).message}\n`);
  process.exit(1);
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

const port = process.env.PORT ?? "3000";
const server = spawn(process.execPath, [nextBin, "start", "--port", port], { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
