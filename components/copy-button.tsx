"use client";

import { useState } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * Copies the text of the field `targetId` names. Only rendered once JavaScript runs: without
 * it the field is there to select and copy by hand. Labels come from the server component
 * that uses it, so its namespace stays off the client catalogue.
 */
export function CopyButton({
  targetId,
  labels,
}: {
  targetId: string;
  labels: { copy: string; copied: string; failed: string };
}) {
  const hydrated = useHydrated();
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  if (!hydrated) return null;

  async function copy() {
    const field = document.getElementById(targetId);
    const text = field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement ? field.value : "";
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      // Clipboard access needs a secure context and the page's focus; select it for the reader instead.
      if (field instanceof HTMLTextAreaElement) field.select();
      setStatus("failed");
    }
  }

  return (
    <p className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={copy}
        className="rounded border border-stone-400 bg-white px-3 py-1.5 text-stone-900 hover:bg-stone-100"
      >
        {labels.copy}
      </button>
      <span role="status" className="text-sm text-stone-700">
        {status === "copied" ? labels.copied : status === "failed" ? labels.failed : ""}
      </span>
    </p>
  );
}
