import { afterEach, describe, expect, it } from "vitest";
import { env, envIfValid, freezeEnv, InvalidEnvError, parseEnv, serverProblems } from "./env";

describe("parseEnv", () => {
  it("gives the README's defaults when nothing is set, and treats blank as unset", () => {
    const defaults = parseEnv({});
    expect(defaults).toMatchObject({
      DATABASE_URL: undefined,
      DATABASE_POOL_MAX: 10,
      PGLITE_DATA_DIR: ".data/pglite",
      AUTH_SECRET_FILE: ".data/auth-secret",
      PORT: 3000,
      REQUEST_BODY_LIMIT_BYTES: 1024 * 1024,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      LOG_LEVEL: "info",
      CACHE_MAX_BYTES: 64 * 1024 * 1024,
      MAIL_FROM: "Vertrekpunt <no-reply@localhost>",
      MAIL_POLL_MS: 5_000,
      DIGEST_HOUR_UTC: 6,
      REQUIRE_EMAIL_VERIFICATION: undefined,
      RATE_LIMIT_SIGN_UP_PER_IP: undefined,
    });
    expect(parseEnv({ PORT: " ", LOG_LEVEL: "", SMTP_URL: "  " })).toEqual(defaults);
  });

  it("reads numbers, switches and lists the way an operator writes them", () => {
    const parsed = parseEnv({
      PORT: " 8080 ",
      CACHE_MAX_BYTES: "0",
      LOG_LEVEL: "WARN",
      REQUIRE_EMAIL_VERIFICATION: "Off",
      DATABASE_URL: "postgresql://app:secret@db.internal:5432/vertrekpunt",
      SMTP_URL: "smtps://user:pw@smtp.example.org:465",
      SEED_ADMIN_EMAIL: " Admin@Example.org ",
    });
    expect(parsed).toMatchObject({
      PORT: 8080,
      CACHE_MAX_BYTES: 0,
      LOG_LEVEL: "warn",
      REQUIRE_EMAIL_VERIFICATION: false,
      SEED_ADMIN_EMAIL: "admin@example.org",
    });
    expect(parseEnv({ REQUIRE_EMAIL_VERIFICATION: "1" }).REQUIRE_EMAIL_VERIFICATION).toBe(true);
  });

  it("names every bad variable at once, with what it must be", () => {
    let error: unknown;
    try {
      parseEnv({
        PORT: "80a",
        DATABASE_POOL_MAX: "0",
        LOG_LEVEL: "loud",
        DIGEST_HOUR_UTC: "24",
        MAIL_POLL_MS: "10",
        REQUIRE_EMAIL_VERIFICATION: "maybe",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvError);
    expect((error as InvalidEnvError).problems).toEqual([
      {
        variable: "DATABASE_POOL_MAX",
        message: 'must be a whole number, 1 or more (for example 10), not "0"',
      },
      { variable: "PORT", message: 'must be a whole number, 1 to 65535 (for example 3000), not "80a"' },
      { variable: "LOG_LEVEL", message: 'must be debug, info, warn or error, not "loud"' },
      { variable: "REQUIRE_EMAIL_VERIFICATION", message: 'must be on or off, not "maybe"' },
      {
        variable: "MAIL_POLL_MS",
        message: 'must be a whole number, 100 or more (for example 5000), not "10"',
      },
      { variable: "DIGEST_HOUR_UTC", message: 'must be a whole number, 0 to 23 (for example 6), not "24"' },
    ]);
    expect((error as Error).message).toContain(
      "Invalid configuration:\n  DATABASE_POOL_MAX must be a whole number",
    );
  });

  it("never repeats a value that may hold a password", () => {
    expect(() =>
      parseEnv({ DATABASE_URL: "mysql://app:hunter2@db/x", SMTP_URL: "http://u:hunter2@mail" }),
    ).toThrow(InvalidEnvError);
    try {
      parseEnv({ DATABASE_URL: "mysql://app:hunter2@db/x", SMTP_URL: "http://u:hunter2@mail" });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("DATABASE_URL must be a postgres:// or postgresql:// URL");
      expect(message).toContain("SMTP_URL must be a smtp:// or smtps:// URL");
      expect(message).not.toContain("hunter2");
    }
  });
});

describe("env", () => {
  const before = process.env.DIGEST_HOUR_UTC;
  afterEach(() => {
    if (before === undefined) delete process.env.DIGEST_HOUR_UTC;
    else process.env.DIGEST_HOUR_UTC = before;
  });

  it("follows changes to process.env, and throws while a value is bad", () => {
    process.env.DIGEST_HOUR_UTC = "7";
    expect(env().DIGEST_HOUR_UTC).toBe(7);
    expect(env()).toBe(env());
    process.env.DIGEST_HOUR_UTC = "25";
    expect(() => env()).toThrow(/DIGEST_HOUR_UTC must be a whole number, 0 to 23/);
    expect(envIfValid()).toBeUndefined();
    process.env.DIGEST_HOUR_UTC = "8";
    expect(env().DIGEST_HOUR_UTC).toBe(8);
  });

  it("once frozen, keeps what process.env held then, until thawed", () => {
    process.env.DIGEST_HOUR_UTC = "7";
    const thaw = freezeEnv();
    try {
      process.env.DIGEST_HOUR_UTC = "9";
      expect(env().DIGEST_HOUR_UTC).toBe(7);
      process.env.DIGEST_HOUR_UTC = "25";
      expect(envIfValid()?.DIGEST_HOUR_UTC).toBe(7);
    } finally {
      thaw();
    }
    expect(() => env()).toThrow(/DIGEST_HOUR_UTC/);
    process.env.DIGEST_HOUR_UTC = "9";
    expect(env().DIGEST_HOUR_UTC).toBe(9);
  });
});

describe("SITE_URL", () => {
  it("is an http(s) origin, kept without its trailing slash", () => {
    expect(parseEnv({ SITE_URL: "https://Vertrekpunt.example/" }).SITE_URL).toBe(
      "https://vertrekpunt.example",
    );
    expect(parseEnv({ SITE_URL: "http://localhost:3000" }).SITE_URL).toBe("http://localhost:3000");
    expect(() => parseEnv({ SITE_URL: "vertrekpunt.example" })).toThrow(
      /SITE_URL must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => parseEnv({ SITE_URL: "https://vertrekpunt.example/app" })).toThrow(
      /SITE_URL must be an origin only/,
    );
  });

  // A server with DATABASE_URL is a production installation: links in mail must not come from
  // the Host a request names (decision 032). Scripts with DATABASE_URL alone still run.
  it("is required to serve with DATABASE_URL, and only then", () => {
    const production = parseEnv({ DATABASE_URL: "postgres://u:p@db:5432/vp" });
    expect(serverProblems(production)).toEqual([
      { variable: "SITE_URL", message: expect.stringMatching(/^must be set with DATABASE_URL/) },
    ]);
    expect(
      serverProblems(
        parseEnv({ DATABASE_URL: "postgres://u:p@db:5432/vp", SITE_URL: "https://vertrekpunt.example" }),
      ),
    ).toEqual([]);
    expect(serverProblems(parseEnv({}))).toEqual([]);
  });
});
