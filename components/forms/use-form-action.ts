"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import { formValues } from "@/lib/validation/form-data";
import { validationErrorMap, type FieldErrors, type FormState } from "@/lib/validation/error-map";

type Validation = { schema: z.ZodType; flattenError: typeof z.flattenError };

/**
 * Everything a form needs around its server action: the action state, a check in the browser
 * with the same zod schema the action uses (the server checks again, and without JavaScript
 * only the server does), the errors to show, and what the person typed after a rejection.
 *
 * The schema arrives through `loadSchema`, a dynamic import started once the form is on the
 * page: zod is the largest library in the browser, and pages without a form never load it. A
 * submission before it has arrived goes straight to the server, which checks the same rules.
 */
export function useFormAction<Values>(
  action: (state: FormState<Values>, formData: FormData) => Promise<FormState<Values>>,
  loadSchema: () => Promise<z.ZodType>,
  arrayFields: readonly string[] = [],
) {
  // The error map translates zod's issues, and refinements name their own keys (`params.key`):
  // client-messages: validation settings.websiteInvalid
  const t = useTranslations();
  const [state, formAction] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  // Remounts the error summary on every attempt, so it takes focus again.
  const [attempt, setAttempt] = useState(0);
  const validation = useRef<Validation | null>(null);
  const load = useRef(loadSchema);

  useEffect(() => {
    let mounted = true;
    Promise.all([load.current(), import("@/lib/validation/zod")])
      .then(([schema, { z }]) => {
        if (mounted) validation.current = { schema, flattenError: z.flattenError };
      })
      // Not loaded (offline, a new deploy): the server still checks everything.
      .catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    setAttempt((n) => n + 1);
    const loaded = validation.current;
    if (!loaded) return;
    const result = loaded.schema.safeParse(formValues(new FormData(event.currentTarget), arrayFields), { error: validationErrorMap(t) });
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
