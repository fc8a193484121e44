/*
 * Next bundles instrumentation, route handlers and pages separately, and the custom server loads
 * its own copy of a module too: a module-level variable would exist once per bundle (the database
 * opened twice, a worker started twice). State that must exist once per process lives on
 * globalThis under a registered symbol, which every copy of the module finds.
 */

/** The process's one value under `key` (a `Symbol.for` name), made by `create` on first use. */
export function processSingleton<T>(key: string, create: () => T): T {
  const g = globalThis as unknown as Record<symbol, T | undefined>;
  return (g[Symbol.for(key)] ??= create());
}
