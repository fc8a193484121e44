import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * Import boundaries (docs/decisions/027-enforced-layers-env-and-formatting.md). The layers, from
 * the bottom: db/ (schema, connection, seed) → lib/ (domain logic, queries, actions) →
 * components/ (UI) → app/ (routes). A layer imports only the ones below it; db/ uses only lib/'s
 * core, which depends on nothing else of the app: the logger, the shutdown hooks, the parsed
 * environment, the plain constants and the process-wide singleton helper. Paths are matched both as `@/…` and as `../…`.
 */
const from = (folders) => `^(@/|(\\.\\./)+)(${folders})(/|$)`;
const LIB_CORE = "log|lifecycle|env|constants|singleton";
const CORE_ONLY = "lib/'s core (log, lifecycle, env, constants, singleton) imports only itself.";

const boundary = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  boundary(
    ["db/**"],
    [
      {
        regex: `^(@/|(\\.\\./)+)lib/(?!(${LIB_CORE})(\\.ts)?(/|$))`,
        message:
          "db/ may import only lib/'s core (lib/log, lib/lifecycle, lib/env, lib/constants, lib/singleton): the rest of lib/ builds on db/.",
      },
      {
        regex: from("components|app"),
        message: "db/ is the bottom layer: it never imports components/ or app/.",
      },
    ],
  ),
  boundary(
    ["lib/**"],
    [
      {
        regex: from("components|app"),
        message: "lib/ never imports components/ or app/: move what both need into lib/.",
      },
    ],
  ),
  // The core itself imports nothing else of the app, or db/ would reach the rest through it.
  boundary(
    ["lib/log/**", "lib/lifecycle.ts", "lib/env.ts", "lib/constants/**", "lib/singleton.ts"],
    [
      { regex: `^@/(?!lib/(${LIB_CORE})(\\.ts)?(/|$))`, message: CORE_ONLY },
      { regex: `^(\\.\\./)+(?!(${LIB_CORE})(\\.ts)?(/|$))`, message: CORE_ONLY },
    ],
  ),
  boundary(
    ["lib/lifecycle.ts", "lib/env.ts"],
    [
      { regex: `^@/(?!lib/(${LIB_CORE})(\\.ts)?(/|$))`, message: CORE_ONLY },
      { regex: `^\\.\\./`, message: CORE_ONLY },
      { regex: `^\\./(?!(${LIB_CORE})(\\.ts)?(/|$))`, message: CORE_ONLY },
    ],
  ),
  boundary(
    ["components/**"],
    [
      {
        regex: from("db"),
        message: "components/ never imports db/: take data from lib/ (queries, actions) instead.",
      },
      {
        regex: from("app"),
        message: "components/ never imports app/: routes use components, not the other way round.",
      },
    ],
  ),
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
