import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants";
import createNextIntlPlugin from "next-intl/plugin";
import { ensureAuthSecret } from "./lib/auth/secret";
import { env, serverEnv } from "./lib/env";
import { NOT_FRAMEABLE_SOURCE } from "./lib/security/framing";
import { STATIC_SECURITY_HEADERS } from "./lib/security/headers";

/*
 * The catalogues are compiled when the app is built: a page's browser code then formats
 * messages without the ICU parser (intl-messageformat, ~10 kB gzip on every page; issue 14).
 * Code outside Next (scripts, tests) reads the same JSON uncompiled, with the full formatter.
 */
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    messages: { path: "./lib/i18n/messages", format: "json", locales: "infer", precompile: true },
  },
});

/*
 * scripts/server.ts answers bodies over REQUEST_BODY_LIMIT_BYTES with 413 before Next reads
 * them; server actions get the same limit, so the two never disagree (and `next dev`, which
 * has no such server, still stops at it). Read when the server starts, not only at build time.
 */
function requestBodyLimitBytes(): number {
  return env().REQUEST_BODY_LIMIT_BYTES;
}

export default function config(phase: string): NextConfig {
  // Only a running server needs the secret and SITE_URL (with DATABASE_URL); `next build` must work without them.
  if (phase === PHASE_PRODUCTION_SERVER || phase === PHASE_DEVELOPMENT_SERVER) {
    ensureAuthSecret();
    serverEnv();
  }

  return withNextIntl({
    // PGlite ships WebAssembly and data files it loads from its own folder at run time.
    serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
    poweredByHeader: false,
    // scripts/start.ts sets this: `npm run typecheck` (in CI) checks types, `npm start` only builds.
    typescript: { ignoreBuildErrors: process.env.SKIP_BUILD_TYPECHECK === "1" },
    typedRoutes: false,
    experimental: {
      serverActions: { bodySizeLimit: requestBodyLimitBytes() },
      /*
       * `"use cache"` without Cache Components (decision 024): every page is rendered per
       * request, because its CSP nonce is; what is cached are the reads in lib/cache/reads.ts.
       * Cache Components would prerender a static shell, which cannot carry a per-request nonce.
       */
      useCache: true,
      // `forbidden()`: an action that refuses answers 403 with app/forbidden.tsx, not a 500.
      authInterrupts: true,
    },
    // The headers that need no nonce, on everything, including the build assets and icons that
    // proxy.ts skips. proxy.ts sets them again, with the CSP and HSTS, on what it matches.
    // X-Frame-Options stays off the embeds, which other sites may frame (decision 025).
    async headers() {
      const { "X-Frame-Options": frameOptions, ...always } = STATIC_SECURITY_HEADERS;
      return [
        { source: "/:path*", headers: Object.entries(always).map(([key, value]) => ({ key, value })) },
        { source: NOT_FRAMEABLE_SOURCE, headers: [{ key: "X-Frame-Options", value: frameOptions }] },
      ];
    },
  });
}
