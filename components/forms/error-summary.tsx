"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { FieldErrors } from "@/lib/validation/form-state";

/**
 * The summary at the top of a rejected form: it takes focus so screen readers announce it,
 * and each entry links to its field.
 */
export function ErrorSummary({
  fieldErrors,
  formError,
  labels,
  idPrefix = "",
}: {
  fieldErrors?: FieldErrors;
  formError?: string;
  labels: Record<string, string>;
  idPrefix?: string;
}) {
  const t = useTranslations("validation");
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(fieldErrors ?? {}).filter(([, errors]) => errors?.length);
  const count = entries.length + (formError ? 1 : 0);

  // Takes focus when problems are reported (a form remounts it for each attempt), not when one
  // goes away while the person types in its field: that would pull them out of the field.
  const reported = useRef(0);
  useEffect(() => {
    if (count > reported.current) ref.current?.focus();
    reported.current = count;
  }, [count]);

  if (count === 0) return null;
  return (
    // No aria-labelledby: the heading would make this box match "Email" or "Comment" as a label.
    <div ref={ref} tabIndex={-1} className="rounded border-2 border-red-700 bg-red-50 p-4">
      <h2 id={`${idPrefix}error-summary-title`} className="font-semibold text-red-800">
        {formError && entries.length === 0 ? formError : t("summaryTitle", { count })}
      </h2>
      {entries.length > 0 || formError ? (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          {formError && entries.length > 0 ? <li>{formError}</li> : null}
          {entries.map(([field, errors]) => (
            <li key={field}>
              <a href={`#${idPrefix}${field}`} className="text-red-800 underline">
                {t("fieldError", { field: labels[field] ?? field, message: errors?.[0] ?? "" })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
