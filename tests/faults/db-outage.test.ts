import { chromium } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hiddenFields, request, signUp, type Outcome } from "./support/http";
import { PostgresCluster } from "./support/postgres";
import { startServer, waitUntil, type AppServer } from "./support/server";

/*
 * PostgreSQL stops under load and comes back. Readers browse anonymously (pages and the read
 * API); a writer signs members up through the real sign-up form (a server action posted the way
 * a browser without JavaScript posts it), which writes a user row and signs the member in. The
 * server must answer every request (no resets, no bare 500s), show the "back shortly" page with
 * 503 while the database is away, report it on /api/health, serve normally within 5 seconds of
 * PostgreSQL returning, and never claim a sign-up that is not in the database.
 */

const READ_PATHS = ["/", "/stories", "/api/v1/stories"];
// As in playwright.config.ts: the Debian package, no sandbox as root.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** `sentAt` when the request went out, `at` when its answer was complete. */
type Sample = Outcome & {
  sentAt: number;
  at: number;
  kind: "read" | "write";
  path: string;
  email?: string;
  signedUp?: boolean;
};

let cluster: PostgresCluster;
let server: AppServer;

beforeAll(async () => {
  cluster = await PostgresCluster.create();
  // The mail worker would poll the database every few seconds; the test wants it quiet, so an
  // outage is found by the requests themselves.
  server = await startServer({ DATABASE_URL: cluster.url, MAIL_POLL_MS: "3600000" });
});

afterAll(async () => {
  await server?.stop();
  await cluster?.destroy();
});

/** Readers and one writer at a bounded rate, until stopped; every outcome is kept. */
function startLoad(baseUrl: string) {
  const samples: Sample[] = [];
  let running = true;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const reader = async (offset: number) => {
    for (let i = offset; running; i++) {
      const path = READ_PATHS[i % READ_PATHS.length];
      const sentAt = Date.now();
      const outcome = await request(`${baseUrl}${path}`, { headers: { "accept-language": "en" } });
      samples.push({ ...outcome, sentAt, at: Date.now(), kind: "read", path });
      await pause(40);
    }
  };
  const writer = async () => {
    while (running) {
      const sentAt = Date.now();
      const result = await signUp(baseUrl);
      samples.push({
        ...result,
        sentAt,
        at: Date.now(),
        kind: "write",
        path: "/signup",
        email: result.member.email,
        signedUp: result.signedUp,
      });
      await pause(100);
    }
  };
  const workers = [reader(0), reader(1), writer()];
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return samples;
    },
  };
}

const health = async () => {
  const outcome = await request(`${server.url}/api/health`);
  return {
    status: outcome.status,
    body: outcome.status ? (JSON.parse(outcome.body ?? "null") as { status: string; db: string }) : null,
  };
};

describe("PostgreSQL stops under load", () => {
  it("answers 503 with the friendly page while it is down and serves again within 5 s of its return", async () => {
    const load = startLoad(server.url);
    // Phases end on what happened, not on the clock: a busy machine is slower, not wrong.
    const count = (check: (sample: Sample) => boolean) => load.samples.filter(check).length;
    await waitUntil(
      () =>
        count((sample) => Boolean(sample.signedUp)) >= 2 && count((sample) => sample.kind === "read") >= 10,
      120_000,
    );

    const stoppedAt = Date.now();
    await cluster.stop("fast");
    await waitUntil(async () => (await health()).status === 503, 10_000);
    const downAt = Date.now();
    expect(await health()).toEqual({ status: 503, body: { status: "error", db: "down" } });

    // The writer cannot even load the form now; the next test posts to the action directly.
    const signupPage = await request(`${server.url}/signup`);
    expect(signupPage.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await waitUntil(() => count((sample) => sample.kind === "read" && sample.sentAt > downAt) >= 10, 60_000);

    const restartAt = Date.now();
    await cluster.start();
    const restartedAt = Date.now();
    const recoveryMs = await waitUntil(async () => (await health()).status === 200, 10_000);
    const upAt = Date.now();
    await waitUntil(
      () =>
        count((sample) => Boolean(sample.signedUp) && sample.sentAt > upAt) >= 1 &&
        count((sample) => sample.kind === "read" && sample.sentAt > upAt) >= 10,
      120_000,
    );
    const samples = await load.stop();

    expect(server.alive()).toBe(true);
    // Every request got an answer: no reset or refused connection at any moment.
    expect(samples.filter((sample) => sample.status === 0)).toEqual([]);
    // No 5xx but 503, at any moment, not even in the second PostgreSQL went away.
    const errors = samples.filter((sample) => sample.status >= 500 && sample.status !== 503);
    expect(errors.map(({ path, status, at }) => ({ path, status, at: at - stoppedAt }))).toEqual([]);

    // Known down: every read sent then is the 503 page (or the API's 503 JSON) with Retry-After.
    const outage = samples.filter(
      (sample) => sample.kind === "read" && sample.sentAt > downAt && sample.at < restartAt,
    );
    expect(outage.length).toBeGreaterThanOrEqual(10);
    for (const sample of outage) {
      expect(sample.status, `${sample.path} during the outage`).toBe(503);
      expect(sample.headers?.get("retry-after")).toBe("5");
      if (sample.path.startsWith("/api/")) {
        expect(JSON.parse(sample.body ?? "{}")).toMatchObject({
          requestId: sample.headers?.get("x-request-id"),
        });
      } else {
        expect(sample.body).toContain("We are back shortly");
        expect(sample.body).toContain(`Reference: ${sample.headers?.get("x-request-id")}`);
      }
    }

    // Back within 5 s of PostgreSQL accepting connections again, without a restart.
    expect(recoveryMs).toBeLessThan(5_000);
    const after = samples.filter((sample) => sample.kind === "read" && sample.sentAt > upAt);
    expect(after.length).toBeGreaterThanOrEqual(10);
    expect(
      after.filter((sample) => sample.status !== 200).map(({ path, status }) => ({ path, status })),
    ).toEqual([]);

    // Writes went on before and after; every one that succeeded is in the database.
    const writes = samples.filter((sample) => sample.kind === "write");
    const succeeded = writes.filter((sample) => sample.signedUp);
    expect(succeeded.filter((sample) => sample.at < stoppedAt).length).toBeGreaterThan(0);
    expect(succeeded.filter((sample) => sample.sentAt > upAt).length).toBeGreaterThan(0);
    const stored = await cluster.query<{ email: string }>("select email from users where email = any($1)", [
      succeeded.map((sample) => sample.email),
    ]);
    expect(new Set(stored.map((row) => row.email))).toEqual(new Set(succeeded.map((sample) => sample.email)));

    const messages = server.logs().map((line) => line.msg);
    expect(messages).toContain("database unreachable");
    expect(messages).toContain("database reachable again");
    console.log(
      `outage: detected ${downAt - stoppedAt} ms after the stop, recovered ${recoveryMs} ms after PostgreSQL accepted connections ` +
        `(pg_ctl start took ${restartedAt - restartAt} ms); ${samples.length} requests, ${succeeded.length} sign-ups`,
    );
  }, 400_000);

  it("lets server actions through to Next while the database is down", async () => {
    const page = await request(`${server.url}/signup`);
    expect(page.status).toBe(200);
    const reference = hiddenFields(page.body!, "email").find(([name]) => name.endsWith(":0"));
    const actionId = (JSON.parse(reference![1]) as { id: string }).id;

    await cluster.stop("fast");
    await waitUntil(async () => (await health()).status === 503, 10_000);
    try {
      // The request React sends for a form action: the arguments (previous state, form data).
      const form = new FormData();
      form.append("1_name", "Outage Member");
      form.append("1_email", "outage-member@example.org");
      form.append("1_password", "long-enough-password");
      form.append("1_callbackUrl", "/");
      form.append("0", JSON.stringify([null, "$K1"]));
      const action = await request(`${server.url}/signup`, {
        method: "POST",
        body: form,
        headers: { "next-action": actionId, accept: "text/x-component", origin: server.url },
      });
      expect(action.body).not.toContain("We are back shortly");
      expect(action.headers?.get("content-type")).toContain("text/x-component");
      expect(action.status).toBe(200);
    } finally {
      await cluster.start();
      await waitUntil(async () => (await health()).status === 200, 10_000);
    }
  });

  it("answers a page that fails on the database with 503, and shows the reference it logged", async () => {
    // Once no connection is open (the pool closes idle ones after 10 s), the server learns of the
    // outage from this page's own query: Next renders the error page, and its 500 goes out as 503.
    // A search nobody made before is not in the cache of public reads (lib/cache/reads.ts), so
    // the page has to ask the database.
    const appConnections = async () =>
      (
        await cluster.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()",
          [cluster.database],
        )
      )[0].n;
    await waitUntil(async () => (await appConnections()) === 0, 60_000);
    await cluster.stop("fast");
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage({ locale: "en-GB" });
      const response = await page.goto(`${server.url}/stories?q=outage${Date.now()}`);
      expect(response?.status()).toBe(503);
      expect(response?.headers()["retry-after"]).toBe("5");
      const requestId = response?.headers()["x-request-id"];

      // The error page, rendered in the browser, names the digest the server logged with the
      // request id.
      const reference = page.getByText(/^Reference: /);
      await reference.waitFor();
      const digest = (await reference.textContent())?.replace("Reference: ", "");
      expect(digest).toMatch(/^\w+$/);
      await waitUntil(
        () => server.logs().some((line) => line.msg === "request failed" && line.requestId === requestId),
        5_000,
      );
      const logged = server
        .logs()
        .find((line) => line.msg === "request failed" && line.requestId === requestId);
      expect(logged).toMatchObject({
        level: "error",
        method: "GET",
        path: "/stories",
        digest,
        databaseUnavailable: true,
      });
    } finally {
      await browser.close();
      await cluster.start();
      await waitUntil(async () => (await health()).status === 200, 10_000);
    }
  });
});
