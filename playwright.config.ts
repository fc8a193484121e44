import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { startMailCatcher } from "./tests/support/mail-catcher";
import { freePort } from "./tests/support/ports";

// Playwright loads this file again in every worker: choose the port and data folder once,
// in the main process, and hand them down through the environment.
process.env.E2E_PORT ??= String(await freePort());
// Embedded mode: a throwaway database per run, so runs never see each other's data.
if (!process.env.DATABASE_URL)
  process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "vertrekpunt-e2e-"));
// The app's mail goes over SMTP to a server in this main process, which writes each message to
// E2E_MAIL_DIR; specs read it there (e2e/fixtures.ts, `mailTo`). Workers inherit the variables.
if (!process.env.E2E_SMTP_PORT) {
  process.env.E2E_MAIL_DIR ??= mkdtempSync(path.join(tmpdir(), "vertrekpunt-e2e-mail-"));
  process.env.E2E_SMTP_PORT = String(
    (await startMailCatcher({ dir: process.env.E2E_MAIL_DIR, unref: true })).port,
  );
}

const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

export default defineConfig({
  testDir: "e2e",
  // Many tests walk two or three members through several pages on a two-core machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    locale: "en-GB",
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `${baseURL}/api/health`,
    // The first run builds the app: minutes on two cores.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: process.env.E2E_PORT,
      // The seed's moderator step: e2e/fixtures.ts signs in with these to decide proposals.
      SEED_MODERATOR_EMAIL: "moderator@e2e.vertrekpunt.test",
      SEED_MODERATOR_PASSWORD: "moderator-password-for-e2e",
      SEED_MODERATOR_NAME: "E2E Moderator",
      // An admin from the start, so no test's first sign-up becomes admin by accident.
      SEED_ADMIN_EMAIL: "admin@e2e.vertrekpunt.test",
      SEED_ADMIN_PASSWORD: "admin-password-for-e2e",
      SEED_ADMIN_NAME: "E2E Admin",
      // Every test signs up its own members from 127.0.0.1, and some fail to sign in on purpose:
      // the per-address limits would soon stop the suite. Per-member limits stay as they are.
      RATE_LIMIT_SIGN_UP_PER_IP: "100000",
      // The server's access log would drown the test report; warnings and errors still show.
      LOG_LEVEL: "warn",
      RATE_LIMIT_SIGN_IN_FAILURES_PER_IP: "100000",
      RATE_LIMIT_PASSWORD_RESET_PER_IP: "100000",
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
      MAIL_POLL_MS: "1000",
      // SMTP_URL would make every member confirm their address before publishing or commenting,
      // and every spec signs up its own. e2e/accounts.spec.ts starts a second server with it on.
      REQUIRE_EMAIL_VERIFICATION: "off",
      // One server process also with PostgreSQL: specs check "the very next request" after a
      // write, and a second process sees another's invalidation within 500 ms, as a second app
      // server does (tests/faults/two-servers.test.ts covers that).
      WEB_CONCURRENCY: "1",
      // With PostgreSQL the server needs SITE_URL; embedded, it is left unset, as most
      // installations run, and links go to the host the server runs on.
      ...(process.env.DATABASE_URL ? { SITE_URL: baseURL } : {}),
      ...(process.env.E2E_DATA_DIR
        ? {
            PGLITE_DATA_DIR: path.join(process.env.E2E_DATA_DIR, "pglite"),
            AUTH_SECRET_FILE: path.join(process.env.E2E_DATA_DIR, "auth-secret"),
          }
        : {}),
    },
  },
});
