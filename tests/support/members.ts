import { createMember } from "@/lib/members/queries";

let created = 0;

/**
 * A member for an integration test, with an address no other test uses. Signing in is not
 * needed by these tests, so the password hash is a placeholder that matches no password.
 */
export function newMember(name = "Test Member", prefix = "member") {
  created += 1;
  return createMember({ name, email: `${prefix}-${created}-${Date.now()}@example.org`, passwordHash: "x" });
}
