import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PendingButton } from "@/components/forms/pending-button";
import { NotificationList, type NotificationListItem } from "@/components/notification-list";
import { Pagination } from "@/components/pagination";
import { requireUser } from "@/lib/auth/session";
import { getReaderLocale } from "@/lib/i18n/server";
import { markNotificationReadAction, markNotificationsReadAction } from "@/lib/notifications/actions";
import { listNotificationsPage, unreadNotificationCount } from "@/lib/notifications/queries";
import { describeNotice } from "@/lib/notifications/text";
import { first } from "@/lib/stories/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notices");
  return { title: t("title"), robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await requireUser("/notifications");
  const query = await searchParams;
  const [t, format, locale, page, unread] = await Promise.all([
    getTranslations("notices"),
    getFormatter(),
    getReaderLocale(),
    listNotificationsPage({
      userId: user.id,
      after: first(query.after) ?? null,
      before: first(query.before) ?? null,
    }),
    unreadNotificationCount(user.id),
  ]);
  const items: NotificationListItem[] = page.items.map((notice) => {
    const described = describeNotice(t, notice, locale);
    return {
      id: notice.id,
      text: described.text,
      detail: described.reason ? t("reason", { reason: described.reason }) : null,
      href: described.url ? `/notifications/${notice.id}` : null,
      read: notice.readAt !== null,
      date: {
        iso: notice.createdAt.toISOString(),
        label: format.dateTime(notice.createdAt, { dateStyle: "medium", timeStyle: "short" }),
      },
    };
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-stone-700">{t("intro")}</p>
        <p>
          <Link href="/settings/notifications">{t("settings")}</Link>
        </p>
      </header>
      {unread > 0 ? (
        <form action={markNotificationsReadAction}>
          <PendingButton className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">
            {t("markAllRead")}
          </PendingButton>
        </form>
      ) : null}
      {items.length === 0 ? <p className="text-stone-600">{t("empty")}</p> : null}
      <NotificationList
        items={items}
        markReadAction={markNotificationReadAction}
        labels={{ new: t("new"), markRead: t("markRead") }}
      />
      <Pagination
        basePath="/notifications"
        params={new URLSearchParams()}
        newer={page.newer}
        older={page.older}
      />
    </div>
  );
}
