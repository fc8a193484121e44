import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants";
import createNextIntlPlugin from "next-intl/plugin";
import { ensureAuthSecret } from "./lib/auth/secret";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default function config(phase: string): NextConfig {
  // Only a running server needs the secret; `next build` must work without one.
  if (phase === PHASE_PRODUCTION_SERVER || phase === PHASE_DEVELOPMENT_SERVER) ensureAuthSecret();

  return withNextIntl({
    // PGlite ships WebAssembly and data files it loads from its own folder at run time.
    serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
    poweredByHeader: false,
    typedRoutes: false,
  });
}
