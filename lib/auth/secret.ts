import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
// Relative: next.config.ts loads this file, and its loader does not know the `@/` alias.
import { parseEnv } from "../env";

/*
 * Zero configuration for the embedded mode: without AUTH_SECRET, the first start generates one
 * and keeps it next to the embedded database, so sessions survive restarts. With PostgreSQL the
 * app may run on several servers, which must share one secret: there a missing AUTH_SECRET is a
 * configuration error, reported before anything else happens.
 */
export function ensureAuthSecret(env: NodeJS.ProcessEnv = process.env): void {
  // Writes into `env` (process.env), where Auth.js reads the secret; reads through lib/env.ts.
  const settings = parseEnv(env);
  if (settings.AUTH_SECRET) return;
  if (settings.DATABASE_URL) {
    throw new Error(
      "AUTH_SECRET is not set. With DATABASE_URL (PostgreSQL) every app server must share one " +
        "secret: set AUTH_SECRET to a random value of at least 32 characters, e.g. the output " +
        "of `openssl rand -base64 32`.",
    );
  }
  const file = path.resolve(/*turbopackIgnore: true*/ settings.AUTH_SECRET_FILE);
  if (existsSync(file)) {
    env.AUTH_SECRET = readFileSync(file, "utf8").trim();
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  env.AUTH_SECRET = secret;
}
