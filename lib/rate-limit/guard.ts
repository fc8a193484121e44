import "server-only";
import { getTranslations } from "next-intl/server";
import { clientIp } from "./client-ip";
import { hitRule } from "./limits";
import { waitParts, type RateRuleName } from "./rules";

/*
 * What server actions call, after validation and permission checks and before writing: one
 * line counts the action and, over the limit, gives the sentence for the form's formError.
 */

/** "You're doing that a lot. Please try again in 3 minutes." (or the sign-in variant), in the reader's language. */
export async function rateLimitMessage(
  retryAfterSeconds: number,
  kind: "tooMany" | "signIn" = "tooMany",
): Promise<string> {
  const t = await getTranslations("rateLimit");
  return t(kind, waitParts(retryAfterSeconds));
}

/** Counts one action of the member; null while within the limit, else the message to show. */
export async function memberOverLimit(rule: RateRuleName, userId: string): Promise<string | null> {
  const result = await hitRule(rule, `user:${userId}`);
  return result.ok ? null : rateLimitMessage(result.retryAfterSeconds);
}

/** Counts one action from the request's address (see client-ip.ts); null or the message. */
export async function addressOverLimit(rule: RateRuleName): Promise<string | null> {
  const result = await hitRule(rule, `ip:${await clientIp()}`);
  return result.ok ? null : rateLimitMessage(result.retryAfterSeconds);
}
