import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCatcher, type MailCatcher } from "../support/mail-catcher";
import { ROOT } from "./support/build";
import { freePort } from "../support/ports";
import { PostgresCluster } from "./support/postgres";
import { startServer, waitUntil, type AppServer } from "./support/server";

/*
 * Several app servers on one PostgreSQL behind a load balancer: two production servers, nginx
 * in front of them with the configuration from docs/examples/nginx.conf, and a real SMTP
 * server. Nothing may depend on which server answers: a member signs in through one and
 * publishes through the other, both (and nginx) show the story, and mail queued while both
 * workers run is delivered once.
 */

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find(
  (candidate) => spawnSync("test", ["-x", candidate]).status === 0,
);
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

let cluster: PostgresCluster;
let catcher: MailCatcher;
let servers: [AppServer, AppServer];
let nginx: { url: string; child: ChildProcess; dir: string };
let browser: Browser;

async function startNginx(upstreams: string[]): Promise<{ url: string; child: ChildProcess; dir: string }> {
  if (!NGINX)
    throw new Error("nginx not found: install Debian's nginx (`apt-get install -y nginx`); .ci/run does");
  const dir = mkdtempSync("/tmp/vp-faults-nginx-");
  const temp = path.join(dir, "temp");
  mkdirSync(temp);
  // nginx's workers run as an unprivileged user when the master runs as root.
  chmodSync(dir, 0o755);
  chmodSync(temp, 0o777);
  const port = await freePort();
  const config = readFileSync(path.join(ROOT, "docs", "examples", "nginx.conf"), "utf8")
    .replaceAll("{{PID_FILE}}", path.join(dir, "nginx.pid"))
    .replaceAll("{{ERROR_LOG}}", path.join(dir, "error.log"))
    .replaceAll("{{TEMP_DIR}}", temp)
    .replaceAll("{{APP_1}}", upstreams[0])
    .replaceAll("{{APP_2}}", upstreams[1])
    .replaceAll("{{LISTEN}}", `127.0.0.1:${port}`);
  expect(config).not.toContain("{{");
  const file = path.join(dir, "nginx.conf");
  writeFileSync(file, config);
  const child = spawn(NGINX, ["-p", dir, "-c", file, "-g", "daemon off;"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${url}/api/health`).catch(() => null))?.status === 200, 30_000);
  return { url, child, dir };
}

/** Every access-log line a server wrote for `pathname`. */
function served(server: AppServer, pathname: string) {
  return server.logs().filter((line) => line.msg === "request" && line.path === pathname);
}

async function signUpAt(
  page: Page,
  origin: string,
  member: { name: string; email: string; password: string },
) {
  await page.goto(`${origin}/signup`);
  await page.getByLabel("Name").fill(member.name);
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname !== "/signup");
}

beforeAll(async () => {
  cluster = await PostgresCluster.create();
  catcher = await startMailCatcher();
  const env = {
    DATABASE_URL: cluster.url,
    SMTP_URL: catcher.url,
    MAIL_POLL_MS: "200",
    TRUST_PROXY: "1",
    // Sign-up verification is covered elsewhere; here every member is active at once.
    REQUIRE_EMAIL_VERIFICATION: "false",
  };
  // One after the other, so the second finds the database migrated (both may start at once too:
  // the advisory lock in db/index.ts; starting them apart keeps the test's output readable).
  const first = await startServer(env);
  const second = await startServer(env);
  servers = [first, second];
  nginx = await startNginx([`127.0.0.1:${first.port}`, `127.0.0.1:${second.port}`]);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  nginx?.child.kill("SIGQUIT");
  await Promise.all((servers ?? []).map((server) => server.stop("SIGTERM")));
  await catcher?.close();
  await cluster?.destroy();
  if (nginx) rmSync(nginx.dir, { recursive: true, force: true });
}, 120_000);

describe("two app servers behind nginx on one PostgreSQL", () => {
  it("spreads requests over both servers", async () => {
    const before = servers.map((server) => served(server, "/stories").length);
    for (let i = 0; i < 10; i++) expect((await fetch(`${nginx.url}/stories`)).status).toBe(200);
    await waitUntil(
      () => servers.every((server, i) => served(server, "/stories").length > before[i]),
      10_000,
    );
  });

  it("lets a member sign in through one server and publish through the other; both show the story", async () => {
    const [one, two] = servers;
    const id = randomBytes(4).toString("hex");
    const member = {
      name: `Balanced ${id}`,
      email: `balanced-${id}@example.org`,
      password: `pass-${id}-long-enough`,
    };
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    try {
      // Both servers are on 127.0.0.1, so the browser sends the same session cookie to each.
      await signUpAt(page, nginx.url, member);
      await page.goto(`${one.url}/`);
      await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("banner").getByRole("link", { name: "Sign in" }).waitFor();
      await page.goto(`${one.url}/signin`);
      await page.getByLabel("Email").fill(member.email);
      await page.getByLabel("Password").fill(member.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname !== "/signin");
      expect(served(one, "/signin").some((line) => line.method === "POST")).toBe(true);

      const title = `Told through two servers ${id}`;
      await page.goto(`${two.url}/stories/new`);
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Organisation", { exact: true }).fill("Load balanced network");
      await page.getByLabel("Organisation type").selectOption({ label: "Network or community" });
      await page
        .getByLabel("Story", { exact: true })
        .fill("We moved from one server to two and nobody noticed, which was the point of the exercise.");
      await page.getByRole("checkbox", { name: "Improving the work practice" }).check();
      await page.getByRole("button", { name: "Publish" }).click();
      await expect
        .poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 30_000 })
        .toBe(title);
      expect(served(two, "/stories/new").some((line) => line.method === "POST")).toBe(true);
      const storyPath = new URL(page.url()).pathname;

      for (const origin of [one.url, two.url, nginx.url, nginx.url]) {
        const response = await fetch(`${origin}${storyPath}`);
        expect(response.status, origin).toBe(200);
        expect(await response.text(), origin).toContain(title);
      }
      const listed = await (await fetch(`${nginx.url}/api/v1/stories?q=${encodeURIComponent(id)}`)).json();
      expect(listed.data.map((story: { title: string }) => story.title)).toContain(title);
    } finally {
      await context.close();
    }
  }, 180_000);

  it("caches public pages on each server, and a comment through one reaches the other's cached page within a second", async () => {
    const [one, two] = servers;
    const { data } = await (await fetch(`${nginx.url}/api/v1/stories?limit=1`)).json();
    const storyPath = `/stories/${data[0].slug}`;
    const [story] = await cluster.query<{ id: string; title: string }>(
      `SELECT id, title FROM stories WHERE slug = $1`,
      [data[0].slug],
    );
    const pageOf = async (server: AppServer) => (await fetch(`${server.url}${storyPath}`)).text();
    for (const server of servers) expect(await pageOf(server)).toContain(story.title);

    // A change behind the app's back (no invalidation) is not seen: the page data is cached.
    const quietTitle = `${story.title} (changed quietly)`;
    await cluster.query(`UPDATE stories SET title = $1 WHERE id = $2`, [quietTitle, story.id]);
    try {
      for (const server of servers) expect(await pageOf(server)).not.toContain(quietTitle);

      // A comment through server one invalidates the story on both.
      const id = randomBytes(4).toString("hex");
      const context = await browser.newContext({ locale: "en-GB" });
      const page = await context.newPage();
      try {
        await signUpAt(page, one.url, {
          name: `Cache ${id}`,
          email: `cache-${id}@example.org`,
          password: `pass-${id}-long-enough`,
        });
        await page.goto(`${one.url}${storyPath}`);
        const comment = `Seen by both servers ${id}`;
        await page.getByLabel("Comment", { exact: true }).fill(comment);
        await page.getByRole("button", { name: "Post comment" }).click();
        await page.getByText(comment).waitFor();
        // Server two looks at the shared invalidations at most 500 ms apart: fresh within a
        // second; the bound here leaves room for two busy cores rendering the page.
        await waitUntil(async () => (await pageOf(two)).includes(comment), 3_000);
        expect(await pageOf(two)).toContain(quietTitle);
        expect(await pageOf(one)).toContain(comment);
      } finally {
        await context.close();
      }
    } finally {
      await cluster.query(`UPDATE stories SET title = $1 WHERE id = $2`, [story.title, story.id]);
    }
  }, 180_000);

  it("sends each queued mail exactly once while both servers work the queue", async () => {
    const count = 40;
    const run = randomBytes(4).toString("hex");
    catcher.setDelay(50); // so the two workers' sends overlap
    const values = Array.from(
      { length: count },
      (_, i) => `('${run}-${i}', 'two-servers@example.org', 'test', 'Mail ${run} ${i}', 'Body ${i}')`,
    );
    await cluster.query(
      `INSERT INTO mail_outbox (id, to_address, kind, subject, text_body) VALUES ${values.join(", ")}`,
    );

    await waitUntil(async () => {
      const [row] = await cluster.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM mail_outbox WHERE id LIKE $1 AND status <> 'sent'`,
        [`${run}-%`],
      );
      return row.pending === 0;
    }, 60_000);
    // A mail marked sent was acknowledged by the SMTP server before its row was updated.
    const subjects = catcher.received
      .map((mail) => /^Subject: (.*)$/m.exec(mail.raw)?.[1]?.trim() ?? "")
      .filter((subject) => subject.startsWith(`Mail ${run} `));
    expect(subjects).toHaveLength(count);
    expect(new Set(subjects).size).toBe(count);

    const senders = servers.map(
      (server) =>
        server.logs().filter((line) => line.msg === "mail sent" && String(line.mailId).startsWith(run))
          .length,
    );
    expect(senders[0] + senders[1]).toBe(count);
  }, 120_000);

  it("keeps serving through nginx while one server stops", async () => {
    const [one, two] = servers;
    const stopping = one.stop("SIGTERM");
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await fetch(`${nginx.url}/stories`)).status);
    expect((await stopping).code).toBe(0);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect((await fetch(`${two.url}/api/health`)).status).toBe(200);
  }, 60_000);
});
