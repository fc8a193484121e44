/*
 * `npm start`: build when there is no build of the current sources, then serve with
 * scripts/server.ts, in this same process. The build stamp is a hash of everything that goes into
 * the build, so a stale `.next/` from an older checkout is never served.
 *
 * `--build-only` builds when needed and exits (the fault tests and CI use it before they start
 * servers of their own).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensurePgliteTemplate } from "../db/pglite-template";
import { ensureAuthSecret } from "../lib/auth/secret";
import { envIfValid } from "../lib/env";

// Next reports anonymous usage to Vercel unless told not to; a self-hosted installation (and
// every test run, which builds through this script) stays quiet unless its operator opts in.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const root = path.resolve(import.meta.dirname, "..");
const stampFile = path.join(root, ".next", "vertrekpunt-build-hash");
const inputs = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
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

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Other arguments are ignored, as they always were.
const buildOnly =
  parseArgs({ args: process.argv.slice(2), options: { "build-only": { type: "boolean" } }, strict: false })
    .values["build-only"] === true;

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
const current =
  existsSync(path.join(root, ".next", "BUILD_ID")) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, "utf8") === hash;
if (current) {
  console.log("Using the existing build (sources unchanged).");
} else {
  // Type checking is CI's job (npm run typecheck); here it would only make the first start slower.
  console.log(
    "Building the app (first start or changed sources). This usually takes 1–3 minutes on a 2-core machine…",
  );
  const started = Date.now();
  run(process.execPath, [nextBin, "build"], { SKIP_BUILD_TYPECHECK: "1" });
  console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
  writeFileSync(stampFile, hash);
}

// A new embedded data folder starts from this template rather than PGlite's initdb (decision
// 036). Made with a build, or by the first embedded start after a build made some other way;
// without it a new folder is initialised as before.
if (!current || !envIfValid()?.DATABASE_URL) await ensurePgliteTemplate();

if (buildOnly) process.exit(0);

/**
 * How many server processes: one per core with PostgreSQL (decision 029), unless
 * WEB_CONCURRENCY says otherwise; always one with the embedded database, which one process owns.
 */
function webConcurrency(): string | undefined {
  const settings = envIfValid();
  // A bad value goes on unchanged: scripts/server.ts checks every setting and says what is wrong.
  if (!settings) return process.env.WEB_CONCURRENCY;
  if (!settings.DATABASE_URL) {
    if ((settings.WEB_CONCURRENCY ?? 1) !== 1)
      console.warn(
        "WEB_CONCURRENCY is ignored with the embedded database: one process owns its data folder.",
      );
    return "1";
  }
  return String(settings.WEB_CONCURRENCY ?? availableParallelism());
}

// The server runs in this process: a second process would start Node and tsx again and load its
// modules again, half a second before the database even begins to open (decision 036). From
// here on this process is scripts/server.ts, which handles SIGTERM and SIGINT itself (finishes
// requests in flight, then exits 0). Its NODE_ENV is set before it loads React and Next.
// The server finds its migrations and default data folder from the working directory, which was
// the project's when it ran as a child process.
process.chdir(root);
Object.assign(process.env, { NODE_ENV: "production" });
const concurrency = webConcurrency();
if (concurrency === undefined) delete process.env.WEB_CONCURRENCY;
else process.env.WEB_CONCURRENCY = concurrency;
await import("./server");
