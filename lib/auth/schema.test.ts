import { describe, expect, it } from "vitest";
import { errorsOf } from "@/tests/support/english-errors";
import { signInSchema, signUpSchema } from "./schema";

describe("account schemas", () => {
  it("normalises email to lower case without spaces", () => {
    const parsed = signUpSchema.parse({
      name: " Anna ",
      email: "  Anna@Example.ORG ",
      password: "correct horse",
    });
    expect(parsed).toEqual({ name: "Anna", email: "anna@example.org", password: "correct horse" });
  });

  it("enforces name 1–80 and password 10–200", () => {
    expect(errorsOf(signUpSchema, { name: "", email: "a@b.nl", password: "x".repeat(10) }).name).toEqual([
      "This field is required.",
    ]);
    expect(
      errorsOf(signUpSchema, { name: "n".repeat(81), email: "a@b.nl", password: "x".repeat(10) }).name,
    ).toEqual(["Use at most 80 characters."]);
    expect(
      errorsOf(signUpSchema, { name: "Anna", email: "a@b.nl", password: "x".repeat(9) }).password,
    ).toEqual(["Use at least 10 characters."]);
    expect(
      errorsOf(signUpSchema, { name: "Anna", email: "a@b.nl", password: "x".repeat(201) }).password,
    ).toEqual(["Use at most 200 characters."]);
  });

  it("explains a malformed email", () => {
    expect(
      errorsOf(signUpSchema, { name: "Anna", email: "not-an-email", password: "x".repeat(10) }).email,
    ).toEqual(["Enter a valid email address, like name@example.org."]);
  });

  it("does not trim passwords", () => {
    expect(signInSchema.parse({ email: "a@b.nl", password: "  spaced  " }).password).toBe("  spaced  ");
  });
});
