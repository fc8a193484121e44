import { request as httpRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hiddenFields, request, signUp, uniqueMember } from "./support/http";
import { startServer, waitUntil, type AppServer } from "./support/server";

/*
 * What the server script does around Next for every request: request ids, the access log, the
 * body limit (declared and streamed), and addresses with broken percent-encoding.
 */

const LIMIT = 64 * 1024;
let server: AppServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "vp-faults-edges-"));
  server = await startServer({
    PGLITE_DATA_DIR: path.join(dataDir, "pglite"),
    REQUEST_BODY_LIMIT_BYTES: String(LIMIT),
  });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A raw request, so the path is sent exactly as written (fetch would normalise it). */
function rawGet(pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port: server.port, path: pathname, method: "GET" },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** The body of `form` as a stream, so fetch sends it chunked, without Content-Length. */
function chunked(form: FormData): { body: ReadableStream<Uint8Array>; contentType: string } {
  const encoded = new Response(form);
  return { body: encoded.body!, contentType: encoded.headers.get("content-type")! };
}

describe("request ids and the access log", () => {
  it("gives every response an id, keeps a safe incoming one and replaces an unsafe one", async () => {
    const fresh = await request(`${server.url}/stories?q=secret-words`);
    expect(fresh.status).toBe(200);
    const id = fresh.headers!.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const kept = await request(`${server.url}/stories`, { headers: { "X-Request-Id": "lb-trace_42" } });
    expect(kept.headers!.get("x-request-id")).toBe("lb-trace_42");

    for (const unsafe of ["has spaces", "x".repeat(65), "<script>", "a/b"]) {
      const replaced = await request(`${server.url}/stories`, { headers: { "X-Request-Id": unsafe } });
      expect(replaced.headers!.get("x-request-id")).not.toBe(unsafe);
      expect(replaced.headers!.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }

    // One access log line per request, with the path but not the query string. It is written
    // when the response closes, which may be just after the client has the whole answer.
    await waitUntil(
      () => server.logs().some((entry) => entry.msg === "request" && entry.requestId === id),
      10_000,
    );
    const line = server.logs().find((entry) => entry.msg === "request" && entry.requestId === id);
    expect(line).toMatchObject({ level: "info", method: "GET", path: "/stories", status: 200 });
    expect(typeof line?.durationMs).toBe("number");
    expect(JSON.stringify(server.logs())).not.toContain("secret-words");
  });

  it("does not log build assets", async () => {
    const home = await request(`${server.url}/`);
    const asset = home.body!.match(/\/_next\/static\/[^"'\s]+\.(?:js|css)/)?.[0];
    expect(asset).toBeTruthy();
    const response = await request(`${server.url}${asset}`);
    expect(response.status).toBe(200);
    // A later request's line is in, so the asset's line would be too (the log is in order).
    const marker = `after-asset-${Date.now()}`;
    await request(`${server.url}/stories`, { headers: { "X-Request-Id": marker } });
    await waitUntil(
      () => server.logs().some((entry) => entry.msg === "request" && entry.requestId === marker),
      10_000,
    );
    expect(
      server
        .logs()
        .some((entry) => entry.msg === "request" && String(entry.path).startsWith("/_next/static/")),
    ).toBe(false);
  });
});

describe("the request body limit", () => {
  it("answers a declared body over the limit with 413: JSON for the API, a page for browsers", async () => {
    const api = await request(`${server.url}/api/v1/stories`, {
      method: "POST",
      body: "x".repeat(LIMIT + 1),
      headers: { "content-type": "text/plain" },
    });
    expect(api.status).toBe(413);
    const json = JSON.parse(api.body!);
    expect(json.error).toContain(String(LIMIT));
    expect(json.requestId).toBe(api.headers!.get("x-request-id"));

    const form = new FormData();
    form.append("name", "Big");
    form.append("bio", "x".repeat(LIMIT));
    const page = await request(`${server.url}/signup`, {
      method: "POST",
      body: form,
      headers: { origin: server.url, "accept-language": "nl-NL,nl;q=0.9" },
    });
    expect(page.status).toBe(413);
    expect(page.headers!.get("content-type")).toContain("text/html");
    expect(page.headers!.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.body).toContain('<html lang="nl">');
    expect(page.body).toContain("Dat is te veel om in één keer te versturen");
    expect(page.body).toContain("64 KB");
    expect(page.body).toContain(`Referentie: ${page.headers!.get("x-request-id")}`);
    expect(page.body).toContain('href="/signup"');
  });

  it("counts a streamed (chunked) body and stops it at the limit", async () => {
    const form = new FormData();
    form.append("bio", "x".repeat(LIMIT * 2));
    const { body, contentType } = chunked(form);
    const response = await request(`${server.url}/signup`, {
      method: "POST",
      body,
      headers: { "content-type": contentType, origin: server.url, cookie: "NEXT_LOCALE=en" },
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.body).toContain("That is too much to send at once");
  });

  it("hands a streamed body under the limit to Next unchanged: a chunked sign-up works", async () => {
    const page = await request(`${server.url}/signup`);
    const { hiddenFields } = await import("./support/http");
    const member = uniqueMember("Chunked");
    const form = new FormData();
    for (const [name, value] of hiddenFields(page.body!, "email")) form.append(name, value);
    form.append("name", member.name);
    form.append("email", member.email);
    form.append("password", member.password);
    const { body, contentType } = chunked(form);
    const response = await request(`${server.url}/signup`, {
      method: "POST",
      body,
      headers: { "content-type": contentType, origin: server.url },
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(303);
    expect(response.headers!.getSetCookie().join(";")).toContain("authjs.session-token=");
    // The same member again is refused: the first sign-up really reached the database.
    const again = await signUp(server.url, member);
    expect(again.signedUp).toBe(false);
    expect(again.body).toContain("already");
  });
});

describe("broken addresses", () => {
  it.each(["/stories/%E0%A4%A", "/stories/%ZZ", "/%", "/starting-points/%C3%28"])(
    "answers %s with 400 or 404, never 500",
    async (pathname) => {
      const response = await rawGet(pathname);
      expect([400, 404]).toContain(response.status);
    },
  );

  it("keeps serving afterwards", async () => {
    expect((await request(`${server.url}/stories`)).status).toBe(200);
    expect(server.alive()).toBe(true);
  });
});

// Decision 032: without TRUST_PROXY the connection's address is the client's; a client's own
// X-Forwarded-For does not give it a new address for each request.
describe("client addresses", () => {
  let limited: AppServer;
  let limitedDir: string;

  beforeAll(async () => {
    limitedDir = mkdtempSync(path.join(tmpdir(), "vp-faults-addresses-"));
    limited = await startServer({
      PGLITE_DATA_DIR: path.join(limitedDir, "pglite"),
      RATE_LIMIT_API_PER_IP: "3",
      RATE_LIMIT_SIGN_UP_PER_IP: "2",
    });
  });

  afterAll(async () => {
    await limited?.stop();
    rmSync(limitedDir, { recursive: true, force: true });
  });

  it("are the connection's for the API's limit, whatever X-Forwarded-For says", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) {
      // A different query each time: a stored page (decision 029) would be answered before the limit counts.
      statuses.push(
        (
          await request(`${limited.url}/api/v1/stories?q=word${i}`, {
            headers: { "X-Forwarded-For": `198.51.100.${i}` },
          })
        ).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("are the connection's for server actions too: sign-ups from one address stop at its limit", async () => {
    const outcomes: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const page = await request(`${limited.url}/signup`);
      const member = uniqueMember("Address");
      const form = new FormData();
      for (const [name, value] of [
        ...hiddenFields(page.body ?? "", "email"),
        ["name", member.name],
        ["email", member.email],
        ["password", member.password],
      ])
        form.append(name, value);
      const posted = await request(`${limited.url}/signup`, {
        method: "POST",
        body: form,
        headers: { origin: limited.url, "X-Forwarded-For": `203.0.113.${i}, 10.0.0.${i}` },
      });
      outcomes.push(posted.status);
    }
    // Two sign-ups (303 to the start page), then the limit's message on the form.
    expect(outcomes).toEqual([303, 303, 200]);
  });
});

describe("the public origin", () => {
  it("is required with DATABASE_URL: the server does not start without SITE_URL, and says why", async () => {
    const server = await startServer(
      { DATABASE_URL: "postgres://nobody@127.0.0.1:9/none", SITE_URL: "" },
      { waitForHealth: false },
    );
    const exit = await server.exited;
    expect(exit.code).toBe(1);
    expect(server.output().join("\n")).toMatch(
      /"invalid configuration".*"SITE_URL".*must be set with DATABASE_URL/,
    );
  });
});
