"use client";

import { useFormStatus } from "react-dom";

/**
 * A submit button for small one-click forms (sign out, language, recognise, support): it is
 * disabled and marked busy while its form is submitting, so a second click cannot race the first.
 */
export function PendingButton({
  children,
  className,
  name,
  value,
  lang,
  "aria-label": ariaLabel,
  "aria-pressed": ariaPressed,
}: {
  children: React.ReactNode;
  className?: string;
  name?: string;
  value?: string;
  lang?: string;
  "aria-label"?: string;
  "aria-pressed"?: boolean;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      lang={lang}
      aria-label={ariaLabel}
      aria-pressed={ariaPressed}
      disabled={pending}
      aria-busy={pending || undefined}
      className={`${className ?? ""} disabled:cursor-wait disabled:opacity-60`}
    >
      {children}
    </button>
  );
}
