import type { NextConfig } from "next";

/*
 * The bench's bare page (bench/lib/bare-page.ts): the settings of the app's next.config.ts that
 * can change what the browser loads, and nothing of the app's own choices (next-intl).
 */
const config: NextConfig = {
  poweredByHeader: false,
  // The bench builds it only to weigh its JavaScript; `npm run typecheck` checks these files.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  experimental: { useCache: true, authInterrupts: true },
  // Built in a temporary folder whose node_modules links to the app's: Turbopack resolves only
  // inside its root, which must hold both.
  ...(process.env.BARE_PAGE_TURBOPACK_ROOT
    ? { turbopack: { root: process.env.BARE_PAGE_TURBOPACK_ROOT } }
    : {}),
};

export default config;
