"use client";

import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import { setFollowAction } from "@/lib/notifications/actions";
import { useFocusAfterAction } from "./action-feedback";

/**
 * "Follow" / "Following" on a story or a starting point: a toggle button (aria-pressed) in a
 * plain form post, so it works without JavaScript; with it, the new state shows while the
 * post is under way. Signed-out visitors are sent to sign in by the action and come back.
 */
export function FollowButton({
  target,
  id,
  following,
}: {
  target: "story" | "startingPoint";
  id: string;
  following: boolean;
}) {
  const t = useTranslations("follow");
  const hintId = `follow-${target}-hint`;
  return (
    <form action={setFollowAction} className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="id" value={id} />
      {/* The state asked for, not "toggle": sending the form twice changes nothing. */}
      <input type="hidden" name="follow" value={following ? "false" : "true"} />
      <FollowSubmit following={following} hintId={hintId} target={target} />
      <span id={hintId} className="text-sm text-stone-600">
        {t(target === "story" ? "storyHint" : "startingPointHint")}
      </span>
    </form>
  );
}

function FollowSubmit({
  following,
  hintId,
  target,
}: {
  following: boolean;
  hintId: string;
  target: "story" | "startingPoint";
}) {
  const t = useTranslations("follow");
  const tFeedback = useTranslations("feedback");
  const { pending } = useFormStatus();
  const done = !following
    ? tFeedback("notFollowing")
    : target === "story"
      ? tFeedback("followingStory")
      : tFeedback("followingStartingPoint");
  const { ref, onClick } = useFocusAfterAction(`follow-${target}`, pending, done);
  const shown = pending ? !following : following;
  return (
    <button
      ref={ref}
      id={`follow-${target}`}
      type="submit"
      onClick={onClick}
      aria-pressed={shown}
      aria-describedby={hintId}
      // Not disabled while pending, which would take the keyboard focus away.
      aria-busy={pending || undefined}
      className={`inline-flex items-center gap-1.5 rounded border px-3 py-1 text-sm ${
        shown
          ? "border-brand-700 bg-brand-50 font-medium text-brand-800"
          : "border-stone-400 bg-white text-stone-900 hover:bg-stone-100"
      }`}
    >
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 24 24"
        className="size-4"
        fill={shown ? "currentColor" : "none"}
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {shown ? t("following") : t("follow")}
    </button>
  );
}
