"use client";

import { useFormStatus } from "react-dom";

/** A submit button that asks first; the action behind it checks permission again anyway. */
export function ConfirmButton({
  children,
  confirmMessage,
  className,
  "aria-label": ariaLabel,
}: {
  children: React.ReactNode;
  confirmMessage: string;
  className?: string;
  "aria-label"?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      aria-label={ariaLabel}
      disabled={pending}
      onClick={(event) => {
        if (!window.confirm(confirmMessage)) event.preventDefault();
      }}
      className={
        className ??
        "rounded border border-red-700 px-3 py-1.5 text-red-800 hover:bg-red-50 disabled:opacity-60"
      }
    >
      {children}
    </button>
  );
}
