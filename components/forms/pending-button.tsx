"use client";

import { useFormStatus } from "react-dom";
import { useFocusAfterAction } from "../action-feedback";

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
  resultId,
  doneMessage,
}: {
  children: React.ReactNode;
  className?: string;
  name?: string;
  value?: string;
  lang?: string;
  "aria-label"?: string;
  "aria-pressed"?: boolean;
  /**
   * With these, the button takes the focus back once its action is done (being disabled while
   * pending drops it) and the status region says `doneMessage`, the new state in words.
   */
  resultId?: string;
  doneMessage?: string;
}) {
  const { pending } = useFormStatus();
  const feedback = useFocusAfterAction(resultId ?? "", pending, doneMessage ?? "");
  return (
    <button
      ref={resultId ? feedback.ref : undefined}
      id={resultId}
      onClick={resultId ? feedback.onClick : undefined}
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
