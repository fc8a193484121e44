/*
 * The in-process wake-up call from `enqueueMail` to the mail worker, so a mail is sent within
 * moments instead of at the next poll. On globalThis: Next bundles the worker (instrumentation)
 * and the actions that enqueue separately, and they must find the same listener.
 */

import { processSingleton } from "@/lib/singleton";

type Listener = () => void;

function slot(): { listener?: Listener } {
  return processSingleton<{ listener?: Listener }>("vertrekpunt.mailNudge", () => ({}));
}

/** The worker's listener; null removes it. */
export function onMailEnqueued(listener: Listener | null): void {
  slot().listener = listener ?? undefined;
}

/** Tells this process's worker (if it runs) that there is new mail. Never throws. */
export function mailEnqueued(): void {
  try {
    slot().listener?.();
  } catch {
    // A failing wake-up only means the next poll sends the mail.
  }
}
