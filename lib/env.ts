import { z } from "zod";
import { processSingleton } from "./singleton";

/*
 * Every environment variable the app reads, parsed once with zod: its type, its default and the
 * message an operator gets for a bad value (the README's Configuration table, in code). The
 * server checks the whole environment when it starts (`assertValidEnv`, called by
 * scripts/start.ts, scripts/server.ts and instrumentation.ts) and stops with one line per bad
 * variable; after that, `env()` returns the parsed values.
 *
 * Part of lib/'s core (docs/decisions/027-enforced-layers-env-and-formatting.md): db/ reads
 * its settings here too, so this file imports nothing of the app.
 *
 * Not here: what Next and Auth.js read for themselves (NODE_ENV, NEXT_RUNTIME, NEXT_PHASE,
 * AUTH_TRUST_HOST, NEXT_TELEMETRY_DISABLED), and the test harness's own variables (E2E_*,
 * CHROMIUM_PATH, BENCH_*), which the app never reads.
 */

const KIB = 1024;
const MIB = 1024 * KIB;

const blankIsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** Unset and empty (or only spaces) mean the same: not set. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankIsUnset, schema.optional());
}

/** Unset and empty (or only spaces) mean the same: the default. */
function withDefault<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return z.preprocess(blankIsUnset, schema.default(fallback as never));
}

function wholeNumber(options: { min: number; max?: number; example: string }) {
  const range = options.max === undefined ? `${options.min} or more` : `${options.min} to ${options.max}`;
  const message = `must be a whole number, ${range} (for example ${options.example})`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine(
      (n) => Number.isSafeInteger(n) && n >= options.min && (options.max === undefined || n <= options.max),
      message,
    );
}

const positive = (example: string) => wholeNumber({ min: 1, example });

const onOff = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["on", "off", "true", "false", "1", "0"], { error: "must be on or off" }))
  .transform((value) => value === "on" || value === "true" || value === "1");

const url = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
      `must be a ${protocols.map((p) => `${p}//`).join(" or ")} URL, like ${example}`,
    );

const text = z.string().trim();

// The origin people reach the site on; only scheme, host and port (a path would not be kept by
// the links built on it).
const origin = z
  .string()
  .trim()
  .refine(
    (value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol),
    "must be an http:// or https:// URL, like https://vertrekpunt.example",
  )
  .refine((value) => {
    const parsed = URL.parse(value);
    return (
      !parsed ||
      (parsed.pathname === "/" && !parsed.search && !parsed.hash && !parsed.username && !parsed.password)
    );
  }, "must be an origin only (scheme, host and port), like https://vertrekpunt.example")
  .transform((value) => URL.parse(value)?.origin ?? value);

const schema = z.object({
  // Database (decision 001).
  DATABASE_URL: optional(url(["postgres:", "postgresql:"], "postgres://user:password@host:5432/db")),
  DATABASE_POOL_MAX: withDefault(positive("10"), 10),
  PGLITE_DATA_DIR: withDefault(text, ".data/pglite"),

  // Sign-in (decision 003). scripts/start.ts and next.config.ts fill in AUTH_SECRET in embedded
  // mode (lib/auth/secret.ts); Auth.js reads it from process.env itself.
  AUTH_SECRET: optional(z.string()),
  AUTH_SECRET_FILE: withDefault(text, ".data/auth-secret"),
  // Auth.js's own overrides of the public origin; when set, lib/auth/public-origin.ts leaves it be.
  AUTH_URL: optional(text),
  NEXTAUTH_URL: optional(text),

  // The public origin for every absolute link: mail, feeds, oEmbed, share and canonical URLs
  // (lib/auth/public-origin.ts). Required with DATABASE_URL (`serverProblems`); unset in
  // embedded mode, links go to the host the server runs on.
  SITE_URL: optional(origin),
  // How many reverse proxies in front of the app append to X-Forwarded-For; 0: none, the
  // connection's address is the client's (lib/rate-limit/forwarded-for.ts, decision 032).
  TRUST_PROXY: withDefault(
    wholeNumber({ min: 0, max: 10, example: "1 behind one load balancer, 0 without a proxy" }),
    0,
  ),

  // The server (decision 019).
  PORT: withDefault(wholeNumber({ min: 1, max: 65_535, example: "3000" }), 3000),
  HOSTNAME: optional(text),
  REQUEST_BODY_LIMIT_BYTES: withDefault(positive("1048576"), MIB),
  SHUTDOWN_TIMEOUT_MS: withDefault(positive("10000"), 10_000),
  LOG_LEVEL: withDefault(
    text
      .toLowerCase()
      .pipe(z.enum(["debug", "info", "warn", "error"], { error: "must be debug, info, warn or error" })),
    "info",
  ),
  CACHE_MAX_BYTES: withDefault(wholeNumber({ min: 0, example: "67108864, or 0 for no cache" }), 64 * MIB),
  // Whole pages for visitors, bounded renders, a process per core (decision 029).
  PAGE_CACHE_MAX_BYTES: withDefault(
    wholeNumber({ min: 0, example: "33554432, or 0 for no page cache" }),
    32 * MIB,
  ),
  PAGE_CACHE_TTL_SECONDS: withDefault(positive("60"), 60),
  RENDER_CONCURRENCY: withDefault(positive("16"), 16),
  // Unset: one per core with DATABASE_URL (scripts/start.ts); the embedded database allows one.
  WEB_CONCURRENCY: optional(positive("2")),

  // Which sites may frame the embeds (decision 025); unset: every site (lib/security/framing.ts).
  EMBED_FRAME_ANCESTORS: optional(text),

  // Rate limits (decision 016). Unset: the rule's own limit in lib/rate-limit/rules.ts.
  RATE_LIMIT_SIGN_UP_PER_IP: optional(positive("5")),
  RATE_LIMIT_STORY_PER_MEMBER: optional(positive("10")),
  RATE_LIMIT_COMMENT_PER_MEMBER: optional(positive("30")),
  RATE_LIMIT_REPORT_PER_MEMBER: optional(positive("20")),
  RATE_LIMIT_REACTION_PER_MEMBER: optional(positive("120")),
  RATE_LIMIT_PROPOSAL_PER_MEMBER: optional(positive("5")),
  RATE_LIMIT_API_PER_IP: optional(positive("600")),
  RATE_LIMIT_PASSWORD_RESET_PER_IP: optional(positive("10")),
  RATE_LIMIT_PASSWORD_RESET_PER_EMAIL: optional(positive("3")),
  RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT: optional(positive("5")),
  RATE_LIMIT_SIGN_IN_FAILURES_PER_IP: optional(positive("5")),

  // Mail (decisions 020, 022, 023).
  SMTP_URL: optional(url(["smtp:", "smtps:"], "smtps://user:password@smtp.example.org:465")),
  // Unset: on exactly when SMTP_URL is set (lib/auth/verification.ts).
  REQUIRE_EMAIL_VERIFICATION: optional(onOff),
  MAIL_FROM: withDefault(text, "Vertrekpunt <no-reply@localhost>"),
  // Unset: `mail/` beside the embedded database (lib/mail/transport.ts).
  MAIL_DIR: optional(text),
  MAIL_POLL_MS: withDefault(wholeNumber({ min: 100, example: "5000" }), 5_000),
  DIGEST_HOUR_UTC: withDefault(wholeNumber({ min: 0, max: 23, example: "6" }), 6),

  // Accounts with a role from the start, for demos and the end-to-end tests (lib/auth/seed-accounts.ts).
  SEED_MODERATOR_EMAIL: optional(text.toLowerCase()),
  SEED_MODERATOR_PASSWORD: optional(z.string()),
  SEED_MODERATOR_NAME: optional(text),
  SEED_ADMIN_EMAIL: optional(text.toLowerCase()),
  SEED_ADMIN_PASSWORD: optional(z.string()),
  SEED_ADMIN_NAME: optional(text),
});

export type Env = z.output<typeof schema>;
export type EnvName = keyof typeof schema.shape;

const NAMES = Object.keys(schema.shape) as EnvName[];

// Values that may carry a password or a secret: a message never repeats them.
const SECRET: ReadonlySet<EnvName> = new Set<EnvName>([
  "DATABASE_URL",
  "AUTH_SECRET",
  "SMTP_URL",
  "SEED_MODERATOR_PASSWORD",
  "SEED_ADMIN_PASSWORD",
]);

export type EnvProblem = { variable: string; message: string };

/** A bad configuration: every bad variable at once, so one restart fixes them all. */
export class InvalidEnvError extends Error {
  constructor(readonly problems: EnvProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable} ${p.message}`).join("\n")}`);
    this.name = "InvalidEnvError";
  }
}

type Raw = Record<string, string | undefined>;

/** Parses the given variables (tests pass their own); throws `InvalidEnvError`. */
export function parseEnv(raw: Raw): Env {
  const result = schema.safeParse(Object.fromEntries(NAMES.map((name) => [name, raw[name]])));
  if (result.success) return result.data;
  throw new InvalidEnvError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      const value = raw[variable];
      const shown = SECRET.has(variable as EnvName) || value === undefined ? "" : `, not "${value}"`;
      return { variable, message: `${issue.message}${shown}` };
    }),
  );
}

/*
 * Parsed once per distinct environment: in a server that is once. Tests (and ensureAuthSecret,
 * which fills in AUTH_SECRET) change process.env while the process runs, and the next call sees
 * the change. On globalThis, because Next loads this module once per bundle.
 *
 * Seeing a change means reading every variable on every call, and process.env is slow to read
 * (each read goes through the C++ environment): the logger alone calls this for every request
 * line. So the server freezes its configuration once it has started (`freezeEnv`), and from
 * then on every call returns what was read then.
 */
type Cached = { key: string; env?: Env; error?: InvalidEnvError };
type Slot = { cached?: Cached; frozen?: boolean };

function fingerprint(raw: Raw): string {
  return NAMES.map((name) => raw[name] ?? "\u0000").join("\u0001");
}

function envSlot(): Slot {
  return processSingleton<Slot>("vertrekpunt.env", () => ({}));
}

function parsedProcessEnv(): Cached {
  const slot = envSlot();
  if (slot.frozen && slot.cached) return slot.cached;
  const key = fingerprint(process.env);
  const cached = slot.cached;
  if (cached?.key === key) return cached;
  let next: Cached;
  try {
    next = { key, env: parseEnv(process.env) };
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error;
    next = { key, error };
  }
  slot.cached = next;
  return next;
}

/**
 * From now on the configuration is what process.env holds now, in every bundle of this process:
 * for a server that has started and whose environment nothing changes any more. Returns the
 * function that undoes it (for tests).
 */
export function freezeEnv(): () => void {
  parsedProcessEnv();
  const slot = envSlot();
  slot.frozen = true;
  return () => {
    slot.frozen = false;
  };
}

/** The app's configuration. Throws `InvalidEnvError` while a variable has a bad value. */
export function env(): Env {
  const { env: parsed, error } = parsedProcessEnv();
  if (!parsed) throw error;
  return parsed;
}

/** The configuration, or undefined while it is invalid; for the logger, which must not throw. */
export function envIfValid(): Env | undefined {
  return parsedProcessEnv().env;
}

/** Called once at start-up: throws `InvalidEnvError` naming every bad variable. */
export function assertValidEnv(): void {
  env();
}

/**
 * What serving requests needs beyond valid values. Scripts (db:import, db:export) may run with
 * DATABASE_URL alone; a server with it is a production installation, where links in mail must
 * not depend on the Host a request names (decision 032).
 */
export function serverProblems(settings: Env): EnvProblem[] {
  if (settings.DATABASE_URL && !settings.SITE_URL) {
    return [
      {
        variable: "SITE_URL",
        message:
          "must be set with DATABASE_URL: it is the address people use (like https://vertrekpunt.example), for links in mail and feeds; the app never takes it from a request's Host header",
      },
    ];
  }
  return [];
}

/** The server's check at start-up: every bad variable, and what serving needs (`serverProblems`). */
export function serverEnv(): Env {
  const settings = env();
  const problems = serverProblems(settings);
  if (problems.length > 0) throw new InvalidEnvError(problems);
  return settings;
}

/** `next build` loads modules (and instrumentation) too; building must not start anything. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

/** Next's production server (scripts/server.ts sets NODE_ENV=production before Next loads). */
export function isProduction(): boolean {
  return process.env.NODE_ENV === "production";
}
