import { env, type Env, type EnvName } from "@/lib/env";

/*
 * Every rate limit in one table (see docs/decisions/016-rate-limits.md). Pure: no database, no
 * request. Each number can be changed with its environment variable (parsed in lib/env.ts), so an
 * operator (or the end-to-end test server) can raise one limit without touching the others.
 */

export type RateRule = { limit: number; windowSeconds: number };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Fixed windows: `limit` actions per `windowSeconds`, counted per member or per address. */
export const RATE_RULES = {
  signUpPerIp: { limit: 5, windowSeconds: HOUR, env: "RATE_LIMIT_SIGN_UP_PER_IP" },
  storyPerMember: { limit: 10, windowSeconds: HOUR, env: "RATE_LIMIT_STORY_PER_MEMBER" },
  // Comments on stories and on proposals share one budget.
  commentPerMember: { limit: 30, windowSeconds: 10 * MINUTE, env: "RATE_LIMIT_COMMENT_PER_MEMBER" },
  reportPerMember: { limit: 20, windowSeconds: HOUR, env: "RATE_LIMIT_REPORT_PER_MEMBER" },
  // Recognitions (in a story, in one's organisation) and proposal supports, both ways.
  reactionPerMember: { limit: 120, windowSeconds: 10 * MINUTE, env: "RATE_LIMIT_REACTION_PER_MEMBER" },
  proposalPerMember: { limit: 5, windowSeconds: DAY, env: "RATE_LIMIT_PROPOSAL_PER_MEMBER" },
  apiPerIp: { limit: 600, windowSeconds: MINUTE, env: "RATE_LIMIT_API_PER_IP" },
  // "Forgot your password?": per address, and per email asked about (counted whether or not an
  // account has that address, so the limit reveals nothing), which bounds the mail one inbox gets.
  passwordResetPerIp: { limit: 10, windowSeconds: HOUR, env: "RATE_LIMIT_PASSWORD_RESET_PER_IP" },
  passwordResetPerEmail: { limit: 3, windowSeconds: HOUR, env: "RATE_LIMIT_PASSWORD_RESET_PER_EMAIL" },
} as const satisfies Record<string, RateRule & { env: EnvName }>;

export type RateRuleName = keyof typeof RATE_RULES;

/** Rows of rate_limits older than this are deleted; no window may be longer than a day. */
export const RATE_LIMIT_RETENTION_SECONDS = 2 * DAY;

/**
 * Sign-in: the first `freeFailures` failures per key cost nothing; after that each attempt waits
 * 2^(failures - freeFailures) seconds after the last failure, at most `maxDelaySeconds`.
 * Failures older than `resetSeconds` no longer count. Account keys are also cleared by a
 * successful sign-in; address keys only decay, since many people may share one address.
 */
export const SIGN_IN_RULES = {
  account: { freeFailures: 5, resetSeconds: DAY, env: "RATE_LIMIT_SIGN_IN_FAILURES_PER_ACCOUNT" },
  ip: { freeFailures: 5, resetSeconds: HOUR, env: "RATE_LIMIT_SIGN_IN_FAILURES_PER_IP" },
} as const;

export const SIGN_IN_MAX_DELAY_SECONDS = 15 * MINUTE;

export type SignInKeyKind = keyof typeof SIGN_IN_RULES;

/** A rule with its limit from the environment (lib/env.ts checks it is a positive integer) when set. */
export function rateRule(name: RateRuleName, settings: Env = env()): RateRule {
  const rule = RATE_RULES[name];
  return { limit: settings[rule.env] ?? rule.limit, windowSeconds: rule.windowSeconds };
}

export type SignInRule = { freeFailures: number; resetSeconds: number; maxDelaySeconds: number };

export function signInRule(kind: SignInKeyKind, settings: Env = env()): SignInRule {
  const rule = SIGN_IN_RULES[kind];
  return {
    freeFailures: settings[rule.env] ?? rule.freeFailures,
    resetSeconds: rule.resetSeconds,
    maxDelaySeconds: SIGN_IN_MAX_DELAY_SECONDS,
  };
}

/** Keys in sign_in_failures: `account:<lower-case email>` and `ip:<address>`. */
export function signInKeyKind(key: string): SignInKeyKind {
  return key.startsWith("ip:") ? "ip" : "account";
}

/** Seconds to wait after the last failure before the next attempt. */
export function signInDelaySeconds(failures: number, rule: SignInRule): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(2 ** (failures - rule.freeFailures), rule.maxDelaySeconds);
}

/** The wait in the largest unit that reads well: 45 seconds, 3 minutes, 2 hours (rounded up). */
export function waitParts(seconds: number): { unit: "seconds" | "minutes" | "hours"; count: number } {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < MINUTE) return { unit: "seconds", count: s };
  if (s < HOUR) return { unit: "minutes", count: Math.ceil(s / MINUTE) };
  return { unit: "hours", count: Math.ceil(s / HOUR) };
}
