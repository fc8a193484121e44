"use client";

import { useActionState } from "react";
import type { RestoreRevisionState } from "@/lib/stories/actions";
import { ConfirmButton } from "./forms/confirm-button";

/**
 * "Restore this version", after a confirmation. It sends the story's version as the page
 * showed it, so a save made since then turns the restore into a refusal with a message.
 */
export function RevisionRestoreForm({
  action,
  storyId,
  version,
  expectedVersion,
  label,
  confirmMessage,
}: {
  action: (state: RestoreRevisionState, formData: FormData) => Promise<RestoreRevisionState>;
  storyId: string;
  version: number;
  expectedVersion: number;
  label: string;
  confirmMessage: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const error = state && !state.ok ? state.formError : undefined;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="storyId" value={storyId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="expectedVersion" value={expectedVersion} />
      <ConfirmButton
        confirmMessage={confirmMessage}
        className="rounded border border-stone-400 bg-white px-3 py-1.5 text-stone-900 hover:bg-stone-100 disabled:opacity-60"
      >
        {label}
      </ConfirmButton>
      {error ? (
        <p role="alert" className="rounded border-2 border-red-700 bg-red-50 p-3 text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}
