"use client";

import { useTranslations } from "next-intl";
import { useActionState, useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import { formValues } from "@/lib/validation/form-data";
import { validationErrorMap } from "@/lib/validation/error-map";
import type { FieldErrors, FormState } from "@/lib/validation/form-state";

type Validation = { schema: z.ZodType; flattenError: typeof z.flattenError };
type Submitter = { name: string; value: string };

/** The form's values as the pressed button would send them. */
function valuesOf(form: HTMLFormElement, submitter: Submitter | null, arrayFields: readonly string[]) {
  const data = new FormData(form);
  if (submitter) data.append(submitter.name, submitter.value);
  return formValues(data, arrayFields);
}

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
  {
    arrayFields = [],
    initialState = null,
    initialSubmitter = null,
  }: {
    /** Fields that may be submitted several times (checkboxes of one name). */
    arrayFields?: readonly string[];
    /** A state to start from, such as the reasons a draft cannot be published yet. */
    initialState?: FormState<Values>;
    /** The button whose rules `initialState` was judged by, e.g. `{ name: "intent", value: "publish" }`. */
    initialSubmitter?: Submitter | null;
  } = {},
) {
  // The error map translates zod's issues, and refinements name their own keys (`params.key`):
  // client-messages: validation settings.websiteInvalid
  const t = useTranslations();
  const [state, formAction] = useActionState(action, initialState);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  // Fields whose error has been put right since the last attempt: their message goes away.
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set<string>());
  // Remounts the error summary on every attempt and every answer, so it takes focus again.
  const [attempt, setAttempt] = useState(0);
  const [clearedFor, setClearedFor] = useState(state);
  if (clearedFor !== state) {
    setClearedFor(state);
    setCleared(new Set<string>());
    setAttempt(attempt + 1);
  }
  // The button pressed last: a story's "Save draft" asks less than "Publish", and a field is
  // judged again by the rules its error came from.
  const submitter = useRef<Submitter | null>(initialSubmitter);
  const translate = useRef(t);
  useEffect(() => {
    translate.current = t;
  }, [t]);
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

  const arrays = useRef(arrayFields);
  const form = useRef<HTMLFormElement | null>(null);

  /*
   * Each change to a field checks that field again with the same schema, and an error it no
   * longer has disappears while the person types: an error from the browser's check, from the
   * server's answer, or one the page opened with. Errors are never added this way: a field is
   * judged when the form is sent. The form passes this as its `ref`.
   */
  const formRef = useCallback((element: HTMLFormElement | null) => {
    form.current = element;
    if (!element) return;
    const recheck = (event: Event) => {
      const loaded = validation.current;
      const field = (event.target as HTMLInputElement | null)?.name;
      if (!loaded || !field) return;
      const values = valuesOf(element, submitter.current, arrays.current);
      const result = loaded.schema.safeParse(values, { error: validationErrorMap(translate.current) });
      const remaining = result.success ? {} : (loaded.flattenError(result.error).fieldErrors as FieldErrors);
      if (remaining[field]?.length) return;
      setCleared((previous) => (previous.has(field) ? previous : new Set([...previous, field])));
    };
    element.addEventListener("input", recheck);
    element.addEventListener("change", recheck);
    return () => {
      element.removeEventListener("input", recheck);
      element.removeEventListener("change", recheck);
    };
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    setAttempt((n) => n + 1);
    setCleared(new Set<string>());
    const button = (event.nativeEvent as SubmitEvent).submitter as
      HTMLButtonElement | HTMLInputElement | null;
    submitter.current = button?.name ? { name: button.name, value: button.value } : null;
    const loaded = validation.current;
    if (!loaded) return;
    const result = loaded.schema.safeParse(valuesOf(event.currentTarget, submitter.current, arrays.current), {
      error: validationErrorMap(t),
    });
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
    formRef,
    /** The form element, once on the page (to reset it after a success). */
    form,
    onSubmit,
    attempt,
    fieldErrors: cleared.size
      ? (Object.fromEntries(Object.entries(shown).filter(([field]) => !cleared.has(field))) as FieldErrors)
      : shown,
    formError: clientErrors ? undefined : rejected?.formError,
    /** What was submitted last time, when the server rejected it; null otherwise. */
    rejectedValues: rejected?.values ?? null,
  };
}
