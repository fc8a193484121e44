import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, signUp, writeStory } from "./support/http";
import { startServer, waitUntil, type AppServer } from "./support/server";

/*
 * The embedded database (PGlite) and a process that dies without warning (SIGKILL, the OOM
 * killer, a power cut of the container): members sign up and publish stories through the real
 * forms, several at once, and the server is killed in the middle. Started again on the same
 * data folder it must take over the dead process's lock, open the database, and hold every
 * write it acknowledged, with no half-written rows.
 */

const STARTING_POINTS = [
  "improving-work-practice",
  "collaborating-across-boundaries",
  "using-knowledge",
  "learning-with-outside-world",
];

let dataDir: string;
const servers: AppServer[] = [];

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "vp-faults-sigkill-"));
});

afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("SIGKILL on the embedded database", () => {
  it("starts again on the same data, with every acknowledged write and nothing half-written", async () => {
    const env = {
      PGLITE_DATA_DIR: path.join(dataDir, "pglite"),
      AUTH_SECRET_FILE: path.join(dataDir, "auth-secret"),
    };
    const first = await startServer(env);
    servers.push(first);

    const members: string[] = [];
    const stories: string[] = [];
    let writesInFlight = 0;
    let running = true;
    const writer = async (n: number) => {
      while (running) {
        writesInFlight++;
        const member = await signUp(first.url);
        writesInFlight--;
        if (!member.signedUp) continue;
        members.push(member.member.email);
        writesInFlight++;
        const story = await writeStory(
          first.url,
          member.cookie,
          STARTING_POINTS.slice(n % 4, (n % 4) + 1 + (n % 2)),
        );
        writesInFlight--;
        if (story.slug) stories.push(story.slug);
        n += 1;
      }
    };
    const writers = [writer(0), writer(1), writer(2)];

    await waitUntil(() => members.length >= 6 && stories.length >= 4 && writesInFlight >= 2, 120_000);
    const killedPid = first.child.pid!;
    first.child.kill("SIGKILL");
    const inFlightAtKill = writesInFlight;
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    running = false;
    await Promise.all(writers);
    expect(inFlightAtKill).toBeGreaterThan(0);

    // The dead process's lock is still there, naming it.
    const lock = `${env.PGLITE_DATA_DIR}.lock`;
    expect(readFileSync(lock, "utf8").trim()).toBe(String(killedPid));

    const second = await startServer(env);
    servers.push(second);
    expect(readFileSync(lock, "utf8").trim()).toBe(String(second.child.pid));
    // Readable through the site: every acknowledged story opens.
    for (const slug of stories)
      expect((await request(`${second.url}/stories/${slug}`)).status, slug).toBe(200);
    expect((await second.stop()).code).toBe(0);
    expect(existsSync(lock)).toBe(false);

    const db = await PGlite.create({ dataDir: env.PGLITE_DATA_DIR });
    try {
      const users = (
        await db.query<{ email: string; name: string; handle: string; password_hash: string | null }>(
          "select email, name, handle, password_hash from users where email like 'fault-%'",
        )
      ).rows;
      const emails = new Set(users.map((user) => user.email));
      for (const email of members) expect(emails.has(email), `acknowledged sign-up ${email}`).toBe(true);
      // What every member who signed up must have.
      for (const user of users) {
        expect(user.name, user.email).toMatch(/^Fault [0-9a-f]+$/);
        expect(user.handle, user.email).toMatch(/^fault-[0-9a-f]+/);
        expect(user.password_hash, user.email).toMatch(/^\$argon2id\$/);
      }

      const storyRows = (
        await db.query<{ slug: string; starting_points: number }>(
          `select s.slug, count(ssp.story_id)::int as starting_points
           from stories s left join story_starting_points ssp on ssp.story_id = s.id
          where s.title like 'Fault story %' group by s.slug`,
        )
      ).rows;
      const slugs = new Set(storyRows.map((story) => story.slug));
      for (const slug of stories) expect(slugs.has(slug), `acknowledged story ${slug}`).toBe(true);
      // A story without a starting point would be half of a transaction.
      expect(storyRows.filter((story) => story.starting_points < 1)).toEqual([]);
      console.log(
        `SIGKILL with ${inFlightAtKill} writes in flight: ${members.length} acknowledged sign-ups and ${stories.length} stories kept; ` +
          `${users.length} fault members and ${storyRows.length} fault stories in the database`,
      );
    } finally {
      await db.close();
    }
  });
});
