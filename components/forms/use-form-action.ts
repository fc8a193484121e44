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
  /** A state to start from, such as the reasons a draft cannot be published yet. */
  initialState: FormState<Values> = null,
) {
  // The error map translates zod's issues, and refinements name their own keys (`params.key`):
  // client-messages: validation settings.websiteInvalid
  const t = useTranslations();
  const [state, formAction] = useActionState(action, initialState);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  // Fields whose error has been put right since the last attempt: their message goes away.
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set<string>());
  const [clearedFor, setClearedFor] = useState(state);
  if (clearedFor !== state) {
    setClearedFor(state);
    setCleared(new Set<string>());
  }
  const watched = useRef<HTMLFormElement | null>(null);
  const translate = useRef(t);
  useEffect(() => {
    translate.current = t;
  }, [t]);
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

  // The submit button takes part: a story's "Save draft" asks less than "Publish".
  const valuesOf = (form: HTMLFormElement, submitter?: HTMLElement | null) =>
    formValues(new FormData(form, submitter ?? form.querySelector<HTMLElement>("[data-last-submitter]")), arrayFields);

  /*
   * Once a form has been submitted, each change to a field checks that field again with the
   * same schema, and an error it no longer has disappears while the person types. Errors are
   * never added this way: a field is judged when the form is sent.
   */
  function watch(form: HTMLFormElement) {
    if (watched.current === form) return;
    watched.current = form;
    const recheck = (event: Event) => {
      const loaded = validation.current;
      const field = (event.target as HTMLInputElement | null)?.name;
      if (!loaded || !field) return;
      const result = loaded.schema.safeParse(valuesOf(form), { error: validationErrorMap(translate.current) });
      const remaining = result.success ? {} : (loaded.flattenError(result.error).fieldErrors as FieldErrors);
      if (remaining[field]?.length) return;
      setCleared((previous) => (previous.has(field) ? previous : new Set([...previous, field])));
    };
    form.addEventListener("input", recheck);
    form.addEventListener("change", recheck);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    setAttempt((n) => n + 1);
    setCleared(new Set<string>());
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    form.querySelectorAll("[data-last-submitter]").forEach((element) => element.removeAttribute("data-last-submitter"));
    submitter?.setAttribute("data-last-submitter", "");
    watch(form);
    const loaded = validation.current;
    if (!loaded) return;
    const result = loaded.schema.safeParse(valuesOf(form, submitter), { error: validationErrorMap(t) });
    if (result.success) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    setClientErrors(loaded.flattenError(result.error).fieldErrors as FieldErrors);
  }

  const rejected = state && !state.ok ? state : null;
  const shown = clientErrors ?? rejected?.fieldErrors ?? {};
  return {
    state,
    formAction,
    onSubmit,
    attempt,
    fieldErrors: cleared.size ? (Object.fromEntries(Object.entries(shown).filter(([field]) => !cleared.has(field))) as FieldErrors) : shown,
    formError: clientErrors ? undefined : rejected?.formError,
    /** What was submitted last time, when the server rejected it; null otherwise. */
    rejectedValues: rejected?.values ?? null,
  };
}
