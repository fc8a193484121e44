import { cpSync, mkdtempSync, openSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../tests/support/ports";
import { measureFirstLoad } from "./first-load";
import { captureOutput, spawnTracked, stopProcess, waitForSuccess, waitUntil } from "./processes";
import type { FirstLoadRoute } from "./types";

/*
 * The floor under first-load JavaScript (issue 14: "measure that floor with a bare page"): the
 * Next app in bench/bare-app, a layout and a page with no client components of their own, built
 * with the same next and react (our node_modules, linked) and measured like the app's pages. It
 * loads more than the build manifest's rootMainFiles: the chunk with Next's own client
 * components (the layout router, the error and not-found boundaries) comes on top.
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BARE_APP = path.join(ROOT, "bench", "bare-app");

/** The deepest folder that holds both paths (Turbopack resolves only inside its root). */
export function commonAncestor(a: string, b: string): string {
  const first = path.resolve(a).split(path.sep);
  const second = path.resolve(b).split(path.sep);
  let shared = 0;
  while (shared < first.length && shared < second.length && first[shared] === second[shared]) shared++;
  return first.slice(0, shared).join(path.sep) || path.sep;
}

export async function measureBarePage(workDir: string): Promise<FirstLoadRoute> {
  const dir = mkdtempSync(path.join(workDir, "bare-page-"));
  try {
    cpSync(BARE_APP, dir, { recursive: true });
    const nodeModules = realpathSync(path.join(ROOT, "node_modules"));
    symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
    const nextBin = path.join(nodeModules, "next", "dist", "bin", "next");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      BARE_PAGE_TURBOPACK_ROOT: commonAncestor(dir, nodeModules),
    };

    const build = spawnTracked("bare page build", process.execPath, [nextBin, "build"], { cwd: dir, env });
    await waitForSuccess(build, "the bare page's build", captureOutput(build));

    const port = await freePort();
    const logFile = path.join(workDir, "bare-page.log");
    const log = openSync(logFile, "a");
    const server = spawnTracked(
      "bare page server",
      process.execPath,
      [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"],
      { cwd: dir, env, stdio: ["ignore", log, log] },
    );
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntil(
        async () => {
          if (server.exitCode !== null)
            throw new Error(`the bare page's server exited (${server.exitCode}); see ${logFile}`);
          return (await fetch(url).catch(() => null))?.status === 200;
        },
        60_000,
        "the bare page's server",
      );
      const [page] = await measureFirstLoad(url, [{ route: "bare page", path: "/" }]);
      return page;
    } finally {
      await stopProcess(server);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
