"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import { formValues } from "@/lib/validation/form-data";
import { validationErrorMap, type FieldErrors, type FormState } from "@/lib/validation/error-map";

// "server-only": the check could not be loaded (offline, a new deploy); the server checks anyway.
type Validation = { schema: z.ZodType; flattenError: typeof z.flattenError } | "server-only";

/**
 * Everything a form needs around its server action: the action state, a check in the browser
 * with the same zod schema the action uses (the server checks again, and without JavaScript
 * only the server does), the errors to show, and what the person typed after a rejection.
 *
 * The schema arrives through `loadSchema`, a dynamic import: zod is the largest library in the
 * browser, and most visitors never submit a form. It is fetched on the first submission, which
 * then goes on as if nothing had happened (with the same submit button).
 */
export function useFormAction<Values>(
  action: (state: FormState<Values>, formData: FormData) => Promise<FormState<Values>>,
  loadSchema: () => Promise<z.ZodType>,
  arrayFields: readonly string[] = [],
) {
  const t = useTranslations();
  const [state, formAction] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  // Remounts the error summary on every attempt, so it takes focus again.
  const [attempt, setAttempt] = useState(0);
  const validation = useRef<Validation | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const loaded = validation.current;
    if (!loaded) {
      event.preventDefault();
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      Promise.all([loadSchema(), import("@/lib/validation/zod")])
        .then(([schema, { z }]): Validation => ({ schema, flattenError: z.flattenError }))
        .catch((): Validation => "server-only")
        .then((ready) => {
          validation.current = ready;
          form.requestSubmit(submitter instanceof HTMLElement ? submitter : null);
        });
      return;
    }
    setAttempt((n) => n + 1);
    if (loaded === "server-only") return;
    const result = loaded.schema.safeParse(formValues(new FormData(form), arrayFields), { error: validationErrorMap(t) });
    if (result.success) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    setClientErrors(loaded.flattenError(result.error).fieldErrors as FieldErrors);
  }

  const rejected = state && !state.ok ? state : null;
  return {
    state,
    formAction,
    onSubmit,
    attempt,
    fieldErrors: clientErrors ?? rejected?.fieldErrors ?? {},
    formError: clientErrors ? undefined : rejected?.formError,
    /** What was submitted last time, when the server rejected it; null otherwise. */
    rejectedValues: rejected?.values ?? null,
  };
}
