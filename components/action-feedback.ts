"use client";

import { useEffect, useRef } from "react";

/*
 * After an action the page is refreshed from the server, and the control that was pressed is
 * disabled while it runs (or replaced by the result): the browser's focus falls back to <body>
 * and nothing says what happened. These helpers put the focus on the result and say it in one
 * polite status region (STATUS_REGION_ID, rendered once by the root layout).
 *
 * The control a person pressed is remembered outside React, because the refresh may remount
 * the component that shows the result.
 */
export const STATUS_REGION_ID = "action-status";

let expected: string | null = null;

/** Call when a form is submitted: the element with `resultId` takes the focus when it is done. */
export function expectResult(resultId: string): void {
  expected = resultId;
}

function takeExpected(resultId: string): boolean {
  if (expected !== resultId) return false;
  expected = null;
  return true;
}

/** Says `message` in the status region; the same message twice is announced twice. */
export function announce(message: string): void {
  const region = document.getElementById(STATUS_REGION_ID);
  if (!region) return;
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = message;
  }, 100);
}

/**
 * Focuses the element with `id` (waiting a few frames for it to appear after a refresh) and
 * announces `message`. Falls back to announcing alone when the element never shows up, for
 * example a comment that landed on another page of comments.
 */
export function focusResult(id: string, message: string, fallback?: () => HTMLElement | null): void {
  let frames = 0;
  const attempt = () => {
    const element = document.getElementById(id);
    if (element) {
      element.focus();
      announce(message);
      return;
    }
    if (++frames < 30) window.requestAnimationFrame(attempt);
    else {
      fallback?.()?.focus();
      announce(message);
    }
  };
  attempt();
}

/**
 * For one-click forms (useful, follow, recognise): once the form is no longer pending and this
 * control was the one pressed, focus it again and announce `message`, the new state in words.
 */
export function useFocusAfterAction(resultId: string, pending: boolean, message: string) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pending || !takeExpected(resultId)) return;
    ref.current?.focus();
    announce(message);
  }, [pending, resultId, message]);
  return { ref, onClick: () => expectResult(resultId) };
}
