import { z } from "zod";

/*
 * What a form's server action answers, and the only way actions build that answer (decision
 * 034). The forms read `fieldErrors`, `formError` and `values` (components/forms/use-form-action.ts);
 * a refusal always sends back what was typed, so nothing the person wrote is lost. Browser-safe:
 * the story form builds a starting state with these types.
 */

export type FieldErrors = Partial<Record<string, string[]>>;

export type FormState<Values> =
  // `id`: what the action created (a comment), for the page to put the focus on.
  | { ok: true; message?: string; id?: string }
  | { ok: false; fieldErrors: FieldErrors; formError?: string; values: Values }
  | null;

export type Accepted = Extract<FormState<unknown>, { ok: true }>;
export type Refused<Values> = Extract<FormState<Values>, { ok: false }>;

/** Done: with a message for the form's status region, or the id of what was made. */
export function ok(answer: { message?: string; id?: string } = {}): Accepted {
  return { ok: true, ...answer };
}

/** The schema's verdict, one list of messages per field (zod 4's `flattenError`). */
export function invalid<Values>(error: z.ZodError, values: Values): Refused<Values> {
  return { ok: false, fieldErrors: z.flattenError(error).fieldErrors as FieldErrors, values };
}

/** One field refused by what only the server knows (an address taken, a starting point merged away). */
export function fieldError<Values>(field: string, message: string, values: Values): Refused<Values> {
  return { ok: false, fieldErrors: { [field]: [message] }, values };
}

/** The whole submission refused, with one message above the form (not allowed, rate limited, gone). */
export function formError<Values>(message: string, values: Values): Refused<Values> {
  return { ok: false, fieldErrors: {}, formError: message, values };
}

/** Nothing saved and nothing wrong: the form again as sent, e.g. with suggestions added to its values. */
export function showAgain<Values>(values: Values): Refused<Values> {
  return { ok: false, fieldErrors: {}, values };
}

/**
 * Ends a form action with this answer from wherever it is, such as a guard
 * (`requireUser(() => refuse(...))` in lib/auth/session.ts). `keepInputWhenUnavailable`, which
 * wraps every form action, returns it to the form.
 */
export class FormRefusal extends Error {
  constructor(readonly state: Refused<unknown>) {
    super("form refused");
    this.name = "FormRefusal";
  }
}

export function refuse(state: Refused<unknown>): never {
  throw new FormRefusal(state);
}
