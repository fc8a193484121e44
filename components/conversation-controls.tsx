import { getTranslations } from "next-intl/server";
import { setCommentsClosedAction, setThreadLockedAction } from "@/lib/comments/actions";
import { PendingButton } from "./forms/pending-button";

const buttonClass = "rounded border border-stone-400 bg-white px-3 py-1.5 text-sm hover:bg-stone-100";

/** Why a story takes no new comments, said where the comment form would be. */
export async function ConversationClosedNote({ reason }: { reason: "closed" | "locked" }) {
  const t = await getTranslations("comments");
  return (
    <p className="rounded border border-stone-300 bg-stone-100 px-4 py-2 text-stone-800">
      {reason === "locked" ? t("lockedNote") : t("closedNote")}
    </p>
  );
}

/** The author's switch and the moderators' lock; each form says the state it asks for. */
export async function ConversationControls({
  storyId,
  commentsClosed,
  locked,
  canClose,
  canLock,
}: {
  storyId: string;
  commentsClosed: boolean;
  locked: boolean;
  canClose: boolean;
  canLock: boolean;
}) {
  if (!canClose && !canLock) return null;
  const t = await getTranslations("comments");
  return (
    <div className="flex flex-wrap gap-3">
      {canClose ? (
        <form action={setCommentsClosedAction}>
          <input type="hidden" name="storyId" value={storyId} />
          <input type="hidden" name="closed" value={commentsClosed ? "false" : "true"} />
          <PendingButton className={buttonClass}>
            {commentsClosed ? t("switchOn") : t("switchOff")}
          </PendingButton>
        </form>
      ) : null}
      {canLock ? (
        <form action={setThreadLockedAction}>
          <input type="hidden" name="storyId" value={storyId} />
          <input type="hidden" name="locked" value={locked ? "false" : "true"} />
          <PendingButton className={buttonClass}>{locked ? t("unlock") : t("lock")}</PendingButton>
        </form>
      ) : null}
    </div>
  );
}
