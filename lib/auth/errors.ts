import { CredentialsSignin } from "next-auth";

/** The right password for a suspended account: sign-in says so (with the end date) instead of failing silently. */
export class SuspendedSignIn extends CredentialsSignin {
  code = "suspended";
}
