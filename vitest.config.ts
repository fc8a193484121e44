import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React's server build; in tests the modules run as plain Node.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
  // Likewise Next's cache API: no request to revalidate, no cache to fill.
  "next/cache": path.resolve(import.meta.dirname, "tests/support/next-cache.ts"),
};

/*
 * The fault suite (tests/faults) builds the app and starts real servers and PostgreSQL clusters
 * to break them: minutes, not seconds. It is defined only when asked for by name
 * (`npm run test:faults`, i.e. `vitest run --project faults`), so a plain `vitest run` and
 * `npm test` never start it.
 */
const faultsRequested = process.argv.some(
  (arg, index, all) => arg === "--project=faults" || (arg === "--project" && all[index + 1] === "faults"),
);

const faults = {
  resolve: { alias },
  test: {
    name: "faults",
    environment: "node",
    include: ["tests/faults/**/*.test.ts"],
    globalSetup: ["tests/faults/support/build.ts"],
    // One file at a time, tests in order: each starts servers and databases of its own, and
    // two cores cannot run two of those side by side without skewing the timings they check.
    fileParallelism: false,
    sequence: { concurrent: false },
    hookTimeout: 180_000,
    testTimeout: 180_000,
  },
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "components/**/*.test.tsx", "bench/**/*.test.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/integration-global-setup.ts"],
          setupFiles: ["tests/support/integration-setup.ts"],
          // next-auth imports "next/server" without an extension, which only bundlers resolve:
          // inlined, Vite resolves it (tests/integration/session-route.test.ts runs the real handler).
          server: { deps: { inline: ["next-auth"] } },
          // Opening PGlite from a snapshot takes a few seconds on a busy machine.
          hookTimeout: 120_000,
          testTimeout: 30_000,
        },
      },
      ...(faultsRequested ? [faults] : []),
    ],
  },
});
