import { getTranslations } from "next-intl/server";
import type { StoryAccess } from "@/lib/auth/permissions";

/**
 * What a story that readers cannot see yet (or any more) says at its top: a draft, a story
 * waiting for a moderator, a hidden one, each with the moderator's reason where there is one.
 * Only its author and staff reach such a page. Nothing for a published story.
 */
export async function StoryStatusNotice({
  status,
  moderationReason,
}: {
  status: StoryAccess["status"];
  moderationReason: string | null;
}) {
  const t = await getTranslations("stories");
  if (status === "draft") {
    return (
      <p className="rounded border border-stone-300 bg-stone-100 px-4 py-2 text-stone-800">
        <strong className="mr-2 rounded bg-stone-700 px-2 py-0.5 text-sm text-white">{t("draft")}</strong>
        {t("draftNote")}
        {moderationReason ? (
          <span className="mt-1 block">{t("sentBack", { reason: moderationReason })}</span>
        ) : null}
      </p>
    );
  }
  if (status === "pending") {
    return (
      <p role="status" className="rounded border border-amber-400 bg-amber-50 px-4 py-2 text-amber-950">
        {t("pendingNote")}
        {moderationReason ? (
          <span className="mt-1 block">{t("sentBack", { reason: moderationReason })}</span>
        ) : null}
      </p>
    );
  }
  if (status === "hidden") {
    return (
      <p role="status" className="rounded border border-red-300 bg-red-50 px-4 py-2 text-red-950">
        {moderationReason ? t("hiddenNote") : t("hiddenAfterReports")}
        {moderationReason ? (
          <span className="mt-1 block">{t("moderationReason", { reason: moderationReason })}</span>
        ) : null}
      </p>
    );
  }
  return null;
}
