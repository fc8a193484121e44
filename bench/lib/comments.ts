import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import {
  SCALE_MEMBER_PASSWORD,
  SCALE_STORY_50_COMMENTS,
  SCALE_STORY_500_COMMENTS,
  scaleMemberEmail,
  scaleMemberId,
} from "../scale/generate";
import { hiddenFields, request } from "../../tests/faults/support/http";
import { percentile } from "./stats";
import type { CommentPostingResult } from "./types";

/*
 * Members posting comments at the same time, the way a browser without JavaScript posts the
 * story page's comment form (its hidden fields, Next's action fields and a fresh idempotency key
 * each time). Every comment carries a marker, so the database can be asked afterwards which
 * acknowledged posts (a 303 to the new comment) are there once, which are missing and which are there twice.
 */

function mergeCookies(previous: string, headers: Headers | undefined): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((pair) => [pair.split("=")[0], pair] as const),
  );
  for (const cookie of headers?.getSetCookie() ?? []) {
    const pair = cookie.split(";")[0];
    jar.set(pair.split("=")[0], pair);
  }
  return [...jar.values()].join("; ");
}

/** Signs in scale member `n` through the sign-in form; returns the session cookie. */
export async function signInScaleMember(baseUrl: string, n: number): Promise<string> {
  const page = await request(`${baseUrl}/signin`);
  if (page.status !== 200) throw new Error(`GET /signin answered ${page.status}`);
  const form = new FormData();
  for (const [name, value] of hiddenFields(page.body ?? "", "password")) form.append(name, value);
  form.append("email", scaleMemberEmail(n));
  form.append("password", SCALE_MEMBER_PASSWORD);
  const outcome = await request(`${baseUrl}/signin`, {
    method: "POST",
    body: form,
    headers: { origin: baseUrl, cookie: mergeCookies("", page.headers) },
  });
  const cookie = mergeCookies("", outcome.headers);
  if (outcome.status !== 303 || !/authjs\.session-token=/.test(cookie))
    throw new Error(`signing in ${scaleMemberEmail(n)} failed: ${outcome.status} ${outcome.error ?? ""}`);
  return cookie;
}

/** Published, open scale stories other than the two big ones, newest first: where members post. */
export async function storiesToCommentOn(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ slug: string }>(
      `SELECT slug FROM stories
        WHERE status = 'published' AND NOT comments_closed AND locked_at IS NULL AND slug NOT IN ($1, $2)
        ORDER BY published_at DESC NULLS LAST LIMIT $3`,
      [SCALE_STORY_50_COMMENTS, SCALE_STORY_500_COMMENTS, count],
    );
    return rows.map((row) => row.slug);
  } finally {
    await client.end();
  }
}

type Form = { path: string; fields: [string, string][] };

async function commentForm(baseUrl: string, slug: string, cookie: string): Promise<Form> {
  const path = `/stories/${slug}`;
  const page = await request(`${baseUrl}${path}`, { headers: { cookie } });
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
  const fields = hiddenFields(page.body ?? "", "body").filter(([name]) => name !== "idempotencyKey");
  return { path, fields };
}

export type PostingOptions = {
  baseUrl: string;
  databaseUrl: string;
  members: number;
  durationSeconds: number;
};

export async function postComments({
  baseUrl,
  databaseUrl,
  members,
  durationSeconds,
}: PostingOptions): Promise<CommentPostingResult> {
  const run = randomBytes(6).toString("hex");
  const marker = (member: number, sequence: number) => `[bench ${run} m${member} #${sequence}]`;
  const slugs = await storiesToCommentOn(databaseUrl, members * 4);
  if (slugs.length === 0) throw new Error("no open published story to comment on");

  const sessions = await Promise.all(
    Array.from({ length: members }, (_, i) => signInScaleMember(baseUrl, i + 1)),
  );
  // Each member gets its own stories, round robin, read once: posting is what is measured.
  const forms = await Promise.all(
    sessions.map(async (cookie, i) => {
      const own = slugs.filter((_, index) => index % members === i);
      return Promise.all((own.length ? own : slugs).map((slug) => commentForm(baseUrl, slug, cookie)));
    }),
  );

  const latencies: number[] = [];
  const acknowledged = new Set<string>();
  const failures: Record<string, number> = {};
  let attempts = 0;
  const deadline = performance.now() + durationSeconds * 1000;

  await Promise.all(
    sessions.map(async (cookie, i) => {
      for (let sequence = 0; performance.now() < deadline; sequence++) {
        const form = forms[i][sequence % forms[i].length];
        const tag = marker(i + 1, sequence);
        const body = new FormData();
        for (const [name, value] of form.fields) body.append(name, value);
        body.append("idempotencyKey", randomUUID());
        body.append(
          "body",
          `${tag} Posted by the benchmark: how did the first month of working in the open go?`,
        );
        attempts++;
        const started = performance.now();
        const outcome = await request(`${baseUrl}${form.path}`, {
          method: "POST",
          body,
          headers: { origin: baseUrl, cookie },
        });
        const elapsed = performance.now() - started;
        // Acknowledged: 303 to the new comment (what a browser without JavaScript gets), or a 2xx.
        const location = outcome.headers?.get("location") ?? "";
        if (
          (outcome.status >= 200 && outcome.status < 300) ||
          (outcome.status === 303 && location.includes("/comments/"))
        ) {
          latencies.push(elapsed);
          acknowledged.add(tag);
        } else {
          const reason = outcome.status === 0 ? (outcome.error ?? "network error") : `HTTP ${outcome.status}`;
          failures[reason] = (failures[reason] ?? 0) + 1;
        }
      }
    }),
  );

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let rows: { tag: string; copies: number }[];
  try {
    const memberIds = Array.from({ length: members }, (_, i) => scaleMemberId(i + 1));
    const result = await client.query<{ tag: string; copies: string }>(
      `SELECT substring(body from '^\\[bench [0-9a-f]+ m[0-9]+ #[0-9]+\\]') AS tag, count(*) AS copies
         FROM comments WHERE author_id = ANY($1) AND body LIKE $2 GROUP BY 1`,
      [memberIds, `[bench ${run} %`],
    );
    rows = result.rows.map((row) => ({ tag: row.tag, copies: Number(row.copies) }));
  } finally {
    await client.end();
  }
  const stored = new Map(rows.map((row) => [row.tag, row.copies]));
  const counted = rows.reduce((sum, row) => sum + row.copies, 0);
  const lost = [...acknowledged].filter((tag) => !stored.has(tag)).length;
  const doubled = rows.filter((row) => row.copies > 1).length;
  // A comment stored for a post that got no 2xx (a timeout after the commit) shows up as
  // counted > ok; reported through the row count, it is not a doubled write.

  return {
    members,
    durationSeconds,
    attempts,
    ok: acknowledged.size,
    failed: attempts - acknowledged.size,
    failures,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    counted,
    lost,
    doubled,
  };
}
