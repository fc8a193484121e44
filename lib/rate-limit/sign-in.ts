import "server-only";
import { CredentialsSignin } from "next-auth";
import { emailField } from "@/lib/auth/schema";
import { clientIpFrom } from "./client-ip";
import { clearSignInFailures, signInAllowed } from "./limits";

/** Thrown from `authorize` while sign-in must wait; the sign-in form says how long. */
export class SignInThrottled extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/**
 * The growing delay around the password check, for every way in: the sign-in form and Auth.js's
 * own callback endpoint both end in `authorize`. Keys: `account:<lower-case email>` and
 * `ip:<address>`; unknown emails are treated exactly like known ones. Throws SignInThrottled
 * while a wait is in force; otherwise the attempt counts as a failure until `succeeded()`.
 */
export async function beginSignInAttempt(
  credentials: Partial<Record<string, unknown>>,
  request: Request,
): Promise<{ succeeded: () => Promise<void> }> {
  const email = emailField.safeParse(credentials.email);
  // Not an email: verifyCredentials rejects it without looking anything up.
  if (!email.success) return { succeeded: async () => {} };
  const account = `account:${email.data}`;
  const ip = `ip:${clientIpFrom(request.headers)}`;
  const allowed = await signInAllowed([account, ip]);
  if (!allowed.ok) throw new SignInThrottled(allowed.retryAfterSeconds);
  return { succeeded: () => clearSignInFailures(account, [ip]) };
}
