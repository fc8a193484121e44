import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PendingButton } from "@/components/forms/pending-button";
import { requireUser } from "@/lib/auth/session";
import { markNotificationsReadAction } from "@/lib/moderation/actions";
import { listNotifications, type Notice } from "@/lib/moderation/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notices");
  return { title: t("title"), robots: { index: false } };
}

export default async function NotificationsPage() {
  const user = await requireUser("/notifications");
  const [t, format, notices] = await Promise.all([getTranslations("notices"), getFormatter(), listNotifications(user.id)]);
  const text = (notice: Notice) => {
    const data = notice.data as { decision?: string; targetType?: string; label?: string };
    const kind = data.targetType && ["story", "comment", "member"].includes(data.targetType) ? t(`kind_${data.targetType}`) : "";
    return data.decision ? t(`notice_${data.decision}`, { kind, label: data.label ?? "" }) : "";
  };
  const unread = notices.some((notice) => !notice.readAt);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("intro")}</p>
      </header>
      {unread ? (
        <form action={markNotificationsReadAction}>
          <PendingButton className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">{t("markAllRead")}</PendingButton>
        </form>
      ) : null}
      {notices.length === 0 ? <p className="text-stone-600">{t("empty")}</p> : null}
      <ol className="space-y-3">
        {notices.map((notice) => {
          const data = notice.data as { reason?: string; url?: string | null; until?: string | null };
          return (
            <li key={notice.id} className={`rounded border p-4 ${notice.readAt ? "border-stone-200 bg-white" : "border-brand-600 bg-brand-50"}`}>
              <p className="text-sm text-stone-600">
                {!notice.readAt ? <span className="mr-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs font-medium text-white">{t("new")}</span> : null}
                <time dateTime={notice.createdAt.toISOString()}>{format.dateTime(notice.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
              </p>
              <p className="mt-1">{text(notice)}</p>
              {data.reason ? <p className="text-stone-700">{t("reason", { reason: data.reason })}</p> : null}
              {data.url ? (
                <a href={data.url} className="text-sm">
                  {t("view")}
                </a>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
