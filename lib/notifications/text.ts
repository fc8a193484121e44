import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/validation/error-map";

/*
 * What a notification says, in words from the `notices` section of the catalogues. Shared by
 * the notifications page and the mails, so both say the same thing. Pure: no database.
 */

export const CONTENT_KINDS = [
  "comment_on_story",
  "reply_to_comment",
  "useful_story",
  "useful_comment",
  "story_recognised",
  "comment_on_followed_story",
  "story_in_followed_starting_point",
] as const;

export type NoticeLike = { kind: string; data: unknown };

export type NoticeText = {
  text: string;
  /** A moderator's reason, shown on a line of its own. */
  reason: string | null;
  /** Where the notification leads: a path within the site, or null. */
  url: string | null;
};

const MODERATION_TARGETS = ["story", "comment", "member"];
const MODERATION_DECISIONS = [
  "auto_hide",
  "hide",
  "restore",
  "delete",
  "warn",
  "suspend",
  "unsuspend",
  "approve",
  "reject",
  "edit",
];

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Only paths within the site: a stored link never sends anyone elsewhere. */
export function safeNoticePath(value: unknown): string | null {
  return typeof value === "string" &&
    value.startsWith("/") &&
    !value.startsWith("//") &&
    !value.startsWith("/\\")
    ? value
    : null;
}

export function describeNotice(t: Translate, notice: NoticeLike, locale: Locale): NoticeText {
  const data = (notice.data && typeof notice.data === "object" ? notice.data : {}) as Record<string, unknown>;
  const url = safeNoticePath(data.url);
  if ((CONTENT_KINDS as readonly string[]).includes(notice.kind)) {
    const names = (
      data.startingPointNames && typeof data.startingPointNames === "object" ? data.startingPointNames : {}
    ) as Record<string, unknown>;
    const text = t(`event_${notice.kind}`, {
      actor: str(data.actorName) || t("formerMember"),
      title: str(data.storyTitle),
      startingPoint: str(names[locale]) || str(data.startingPoint),
    });
    return { text, reason: null, url };
  }
  // Moderation notices (lib/moderation): what was decided about which of the member's things.
  const decision = str(data.decision);
  if (!MODERATION_DECISIONS.includes(decision)) return { text: t("unknown"), reason: null, url };
  const targetType = str(data.targetType);
  const kind = MODERATION_TARGETS.includes(targetType) ? t(`kind_${targetType}`) : "";
  return {
    text: t(`notice_${decision}`, { kind, label: str(data.label) }),
    reason: str(data.reason) || null,
    url,
  };
}
