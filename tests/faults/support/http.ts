import { randomBytes } from "node:crypto";

/*
 * Talking to the server the way a browser without JavaScript does: forms are read from the
 * page (with the hidden fields Next and the app put there) and posted as multipart form data,
 * so writes go through the real pages, server actions and database code.
 */

export type Member = { name: string; email: string; password: string };

export function uniqueMember(prefix = "Fault"): Member {
  const id = randomBytes(5).toString("hex");
  return {
    name: `${prefix} ${id}`,
    email: `${prefix.toLowerCase()}-${id}@example.org`,
    password: `pass-${id}-long-enough`,
  };
}

export type Outcome = { status: number; error?: string; headers?: Headers; body?: string };

/** fetch that reports a network failure (reset, refused) as status 0 with its code. */
export async function request(url: string, init: RequestInit = {}): Promise<Outcome> {
  try {
    const response = await fetch(url, { redirect: "manual", ...init });
    const body = await response.text();
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, error: cause?.code ?? cause?.message ?? String(error) };
  }
}

const ENTITIES: Record<string, string> = {
  "&quot;": '"',
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&#x27;": "'",
  "&#39;": "'",
};

function decode(value: string): string {
  return value.replace(/&(?:quot|amp|lt|gt|#x27|#39);/g, (entity) => ENTITIES[entity]);
}

/** The hidden fields of the first form on the page that has a field named `field`. */
export function hiddenFields(html: string, field: string): [string, string][] {
  const form = html
    .match(/<form\b[\s\S]*?<\/form>/g)
    ?.find((candidate) => candidate.includes(`name="${field}"`));
  if (!form) throw new Error(`no form with a field "${field}" on the page`);
  const fields: [string, string][] = [];
  for (const input of form.match(/<input\b[^>]*>/g) ?? []) {
    const attributes = Object.fromEntries(
      [...input.matchAll(/([\w:$-]+)="([^"]*)"/g)].map(([, name, value]) => [name, decode(value)]),
    );
    if (attributes.type === "hidden" && attributes.name)
      fields.push([attributes.name, attributes.value ?? ""]);
  }
  return fields;
}

function cookieHeader(headers: Headers | undefined, previous = ""): string {
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

async function submit(
  baseUrl: string,
  path: string,
  field: string,
  values: [string, string][],
  cookie = "",
): Promise<Outcome & { cookie: string; location: string | null }> {
  const page = await request(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  if (page.status !== 200) return { ...page, cookie, location: null };
  const form = new FormData();
  for (const [name, value] of [...hiddenFields(page.body ?? "", field), ...values]) form.append(name, value);
  const outcome = await request(`${baseUrl}${path}`, {
    method: "POST",
    body: form,
    headers: { origin: baseUrl, ...(cookie ? { cookie } : {}) },
  });
  return {
    ...outcome,
    cookie: cookieHeader(outcome.headers, cookie),
    location: outcome.headers?.get("location") ?? null,
  };
}

export type SignUpResult = Outcome & { member: Member; signedUp: boolean; cookie: string };

/** The sign-up form. Success is Next's 303 to the start page with a session cookie. */
export async function signUp(baseUrl: string, member: Member = uniqueMember()): Promise<SignUpResult> {
  const outcome = await submit(baseUrl, "/signup", "email", [
    ["name", member.name],
    ["email", member.email],
    ["password", member.password],
  ]);
  const signedUp = outcome.status === 303 && /authjs\.session-token=/.test(outcome.cookie);
  return { ...outcome, member, signedUp };
}

export type StoryResult = Outcome & { title: string; slug: string | null };

/** The new-story form, published with one or two starting points. Success is a 303 to the story. */
export async function writeStory(
  baseUrl: string,
  cookie: string,
  startingPoints: string[],
): Promise<StoryResult> {
  const title = `Fault story ${randomBytes(5).toString("hex")}`;
  const outcome = await submit(
    baseUrl,
    "/stories/new",
    "title",
    [
      ["title", title],
      ["organisation", "Fault test network"],
      ["organisationType", "network"],
      ["language", "en"],
      ["summary", "Written by the fault tests."],
      [
        "body",
        "We started with a shared blog and a chat group, and learned a lot about working in the open.",
      ],
      ["trigger", ""],
      ["tools", "blog"],
      ...startingPoints.map((slug): [string, string] => ["startingPoints", slug]),
      ["intent", "publish"],
    ],
    cookie,
  );
  const slug =
    outcome.status === 303 ? (outcome.location?.match(/\/stories\/([^/?#]+)$/)?.[1] ?? null) : null;
  return { ...outcome, title, slug };
}
