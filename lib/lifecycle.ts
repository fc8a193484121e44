/*
 * Work that runs in the background of an app process (the mail worker, the database health
 * probe) registers here how to stop it. The server calls `runShutdownHooks()` on SIGTERM after
 * the last request in flight has finished, then closes the database.
 *
 * Next bundles route handlers, pages and instrumentation separately, so a module-level list
 * would exist once per bundle; the registry lives on globalThis.
 */

import { errorFields, log } from "./log";
import { processSingleton } from "./singleton";

type Hook = { name: string; run: () => Promise<void> | void };

function hooks(): Hook[] {
  return processSingleton<Hook[]>("vertrekpunt.shutdownHooks", () => []);
}

/** Registers `run` to be awaited at shutdown; registering a name again replaces the old hook. */
export function onShutdown(name: string, run: Hook["run"]): void {
  const list = hooks();
  const existing = list.findIndex((hook) => hook.name === name);
  if (existing >= 0) list.splice(existing, 1);
  list.push({ name, run });
}

/** Runs every hook (last registered first), each at most `timeoutMs`; never throws. */
export async function runShutdownHooks(timeoutMs = 5_000): Promise<void> {
  for (const hook of [...hooks()].reverse()) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(hook.run),
        new Promise((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
          timer.unref();
        }),
      ]);
    } catch (error) {
      log.error("shutdown hook failed", { hook: hook.name, ...errorFields(error) });
    } finally {
      clearTimeout(timer);
    }
  }
  hooks().length = 0;
}
