/*
 * `next/cache` for tests, which run the app's modules as plain Node (vitest.config.ts aliases
 * it here). Outside Next there is no request to revalidate and no cache to fill: a
 * `"use cache"` function is an ordinary function, so these only need to be callable. What the
 * cache does is tested through the handler (tests/integration/cache.test.ts) and against a
 * running server (e2e/caching.spec.ts, tests/faults/two-servers.test.ts).
 */
export function cacheLife(): void {}
export function cacheTag(): void {}
export function revalidatePath(): void {}
export function revalidateTag(): void {}
export function updateTag(): void {}
export function refresh(): void {}
