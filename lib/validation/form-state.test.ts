import { describe, expect, it } from "vitest";
import { z } from "./zod";
import { fieldError, formError, FormRefusal, invalid, ok, refuse, showAgain } from "./form-state";

/*
 * The forms read exactly these shapes (components/forms/use-form-action.ts) and the e2e tests
 * read what the forms show, so each helper is held to the literal it replaced.
 */
describe("form answers", () => {
  const values = { title: "", body: "Some text" };

  it("ok carries only what it is given", () => {
    expect(ok()).toStrictEqual({ ok: true });
    expect(ok({ message: "Saved." })).toStrictEqual({ ok: true, message: "Saved." });
    expect(ok({ id: "c1" })).toStrictEqual({ ok: true, id: "c1" });
  });

  it("invalid gives zod's field errors, every message per field, with the values sent back", () => {
    const schema = z.object({
      title: z.string().min(1, "required").max(3, "too long"),
      body: z.string().max(3, "too long"),
    });
    const parsed = schema.safeParse(values);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(invalid(parsed.error, values)).toStrictEqual({
      ok: false,
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      values,
    });
    expect(invalid(parsed.error, values)).toStrictEqual({
      ok: false,
      fieldErrors: { title: ["required"], body: ["too long"] },
      values,
    });
  });

  it("invalid leaves out errors about the whole object (no field to show them at)", () => {
    const schema = z.object({ a: z.string() }).refine(() => false, "whole form");
    const parsed = schema.safeParse({ a: "x" });
    if (parsed.success) throw new Error("expected a failure");
    expect(invalid(parsed.error, { a: "x" })).toStrictEqual({
      ok: false,
      fieldErrors: {},
      values: { a: "x" },
    });
  });

  it("fieldError names one field, formError the whole form; neither has a key the other sets", () => {
    expect(fieldError("email", "Taken.", { email: "a@b.c" })).toStrictEqual({
      ok: false,
      fieldErrors: { email: ["Taken."] },
      values: { email: "a@b.c" },
    });
    expect(formError("Not allowed.", values)).toStrictEqual({
      ok: false,
      fieldErrors: {},
      formError: "Not allowed.",
      values,
    });
    expect(showAgain(values)).toStrictEqual({ ok: false, fieldErrors: {}, values });
  });

  it("refuse throws the answer for the form action's wrapper to return", () => {
    const answer = formError("Sign in first.", values);
    let thrown: unknown;
    try {
      refuse(answer);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FormRefusal);
    expect((thrown as FormRefusal).state).toBe(answer);
  });
});
