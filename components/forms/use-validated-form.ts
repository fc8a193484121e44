"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { formValues } from "@/lib/validation/form-data";
import { validationErrorMap, type FieldErrors } from "@/lib/validation/error-map";

/**
 * Checks a form in the browser with the same zod schema the server action uses, so mistakes
 * show at once; the server checks again, and without JavaScript only the server does.
 */
export function useValidatedForm(schema: z.ZodType, arrayFields: readonly string[] = []) {
  const t = useTranslations();
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const values = formValues(new FormData(event.currentTarget), arrayFields);
    const result = schema.safeParse(values, { error: validationErrorMap(t) });
    if (result.success) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    setClientErrors(z.flattenError(result.error).fieldErrors as FieldErrors);
  }

  return { clientErrors, onSubmit, clearClientErrors: () => setClientErrors(null) };
}
