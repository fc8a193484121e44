"use client";

import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import { toggleCommentUsefulAction, toggleStoryUsefulAction } from "@/lib/comments/actions";
import { useFocusAfterAction } from "./action-feedback";

export type UsefulProps = {
  count: number;
  /** The reader's own mark. */
  pressed: boolean;
  /** Readers toggle; authors and visitors who are not signed in see the count. */
  canToggle: boolean;
};

/**
 * "Useful · 3": a toggle button for readers, the count for everyone else. It is a plain form
 * post, so it works without JavaScript; with it, the button shows the new state at once while
 * the post is under way (see UsefulSubmit), and the refreshed page confirms it.
 */
export function UsefulButton({
  kind,
  targetId,
  count,
  pressed,
  canToggle,
  describe,
}: UsefulProps & {
  kind: "story" | "comment";
  targetId: string;
  /** The accessible name around the visible text: whose comment it is. Stories say "this story". */
  describe?: (action: string) => string;
}) {
  const t = useTranslations("comments");
  const tFeedback = useTranslations("feedback");
  const name = describe ?? ((action: string) => tFeedback("ofStory", { action }));
  if (!canToggle) {
    // Under a comment the count takes its look from the comment's actions (.comment-actions).
    return (
      <span className={kind === "story" ? "text-sm text-stone-700" : undefined}>
        {t("useful", { count })}
      </span>
    );
  }
  return (
    <form action={kind === "story" ? toggleStoryUsefulAction : toggleCommentUsefulAction}>
      <input type="hidden" name={kind === "story" ? "storyId" : "commentId"} value={targetId} />
      {/* The state asked for, not "toggle": sending the form twice changes nothing. */}
      <input type="hidden" name="useful" value={pressed ? "false" : "true"} />
      <UsefulSubmit count={count} pressed={pressed} resultId={`useful-${kind}-${targetId}`} name={name} />
    </form>
  );
}

/*
 * Optimistic through the form's own status rather than useOptimistic: useOptimistic needs a
 * client-side action function, and a form with one cannot be posted without JavaScript.
 */
function UsefulSubmit({
  count,
  pressed,
  resultId,
  name,
}: {
  count: number;
  pressed: boolean;
  resultId: string;
  name: (action: string) => string;
}) {
  const t = useTranslations("comments");
  const tFeedback = useTranslations("feedback");
  const { pending } = useFormStatus();
  const { ref, onClick } = useFocusAfterAction(
    resultId,
    pending,
    pressed ? tFeedback("usefulOn") : tFeedback("usefulOff"),
  );
  const shown = pending ? !pressed : pressed;
  const shownCount = pending ? Math.max(0, count + (pressed ? -1 : 1)) : count;
  return (
    <button
      ref={ref}
      id={resultId}
      type="submit"
      onClick={onClick}
      aria-label={name(t("useful", { count: shownCount }))}
      aria-pressed={shown}
      // Not disabled while pending, which would take the keyboard focus away: a second click
      // asks for the same state again and changes nothing.
      aria-busy={pending || undefined}
      className={`rounded border px-3 py-1 text-sm ${
        shown
          ? "border-brand-700 bg-brand-50 font-medium text-brand-800"
          : "border-stone-400 bg-white text-stone-900 hover:bg-stone-100"
      }`}
    >
      {t("useful", { count: shownCount })}
    </button>
  );
}
