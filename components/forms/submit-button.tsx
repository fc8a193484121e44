"use client";

import { useFormStatus } from "react-dom";

/**
 * Shows the pending state while the form is submitting and blocks a second click. With
 * several submit buttons, only the one that was pressed says it is busy.
 */
export function SubmitButton({
  children,
  pendingLabel,
  name,
  value,
  variant = "primary",
}: {
  children: React.ReactNode;
  pendingLabel: string;
  name?: string;
  value?: string;
  variant?: "primary" | "secondary";
}) {
  const { pending, data } = useFormStatus();
  const mine = pending && (!name || data?.get(name) === value);
  const styles =
    variant === "primary"
      ? "bg-brand-700 text-white hover:bg-brand-800"
      : "border border-stone-400 bg-white text-stone-900 hover:bg-stone-100";
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending}
      className={`rounded px-4 py-2 font-medium disabled:opacity-60 ${styles}`}
    >
      {mine ? pendingLabel : children}
    </button>
  );
}
