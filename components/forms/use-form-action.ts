"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, type FormEvent } from "react";
import { z } from "zod";
import { formValues } from "@/lib/validation/form-data";
import { validationErrorMap, type FieldErrors, type FormState } from "@/lib/validation/error-map";

/**
 * Everything a form needs around its server action: the action state, a check in the browser
 * with the same zod schema the action uses (the server checks again, and without JavaScript
 * only the server does), the errors to show, and what the person typed after a rejection.
 */
export function useFormAction<Values>(
  action: (state: FormState<Values>, formData: FormData) => Promise<FormState<Values>>,
  schema: z.ZodType,
  arrayFields: readonly string[] = [],
) {
  const t = useTranslations();
  const [state, formAction] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  // Remounts the error summary on every attempt, so it takes focus again.
  const [attempt, setAttempt] = useState(0);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    setAttempt((n) => n + 1);
    const result = schema.safeParse(formValues(new FormData(event.currentTarget), arrayFields), { error: validationErrorMap(t) });
    if (result.success) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    setClientErrors(z.flattenError(result.error).fieldErrors as FieldErrors);
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
