import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/auth/actions";
import { isAdmin, isModerator } from "@/lib/auth/permissions";
import { currentSession } from "@/lib/auth/session";
import { openReportCount } from "@/lib/moderation/queries";
import { unreadNotificationCount } from "@/lib/notifications/queries";
import { PendingButton } from "./forms/pending-button";
import { LanguageSwitcher } from "./language-switcher";
import { NotificationBell } from "./notification-bell";

export async function SiteHeader() {
  const [t, tAuth, format, { user, suspension }, locale] = await Promise.all([
    getTranslations("nav"),
    getTranslations("auth"),
    getFormatter(),
    currentSession(),
    getLocale(),
  ]);
  const [unread, reports] = await Promise.all([
    user ? unreadNotificationCount(user.id) : 0,
    user && isModerator(user) ? openReportCount() : 0,
  ]);
  return (
    <header className="border-b border-stone-200 bg-white">
      {suspension ? (
        <p role="alert" className="bg-red-800 px-4 py-2 text-center text-white">
          {suspension.forGood
            ? tAuth("suspendedBannerForGood")
            : tAuth("suspendedBanner", { date: format.dateTime(suspension.until ?? new Date(), { dateStyle: "long", timeStyle: "short" }) })}
        </p>
      ) : null}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-800 no-underline hover:no-underline">
          Vertrekpunt
        </Link>
        <nav aria-label={t("main")} className="flex flex-1 flex-wrap items-center gap-x-4 gap-y-2 whitespace-nowrap">
          <Link href="/stories" className="no-underline hover:underline">
            {t("stories")}
          </Link>
          <Link href="/starting-points" className="no-underline hover:underline">
            {t("startingPoints")}
          </Link>
        </nav>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 whitespace-nowrap">
          {user ? (
            <>
              <Link href="/stories/new" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline">
                {t("writeStory")}
              </Link>
              {isModerator(user) ? (
                <Link href="/moderation" className="no-underline hover:underline">
                  {reports > 0 ? t("moderationCount", { count: reports }) : t("moderation")}
                </Link>
              ) : null}
              {isAdmin(user) ? (
                <Link href="/admin" className="no-underline hover:underline">
                  {t("admin")}
                </Link>
              ) : null}
              <NotificationBell unread={unread} label={unread > 0 ? t("notificationsUnread", { count: unread }) : t("notifications")} />
              <Link href={`/members/${user.handle}`} className="no-underline hover:underline">
                {user.name}
              </Link>
              <Link href="/settings" className="no-underline hover:underline">
                {t("settings")}
              </Link>
              <form action={signOutAction}>
                <PendingButton className="text-stone-700 underline-offset-2 hover:underline">{t("signOut")}</PendingButton>
              </form>
            </>
          ) : (
            <>
              <Link href="/signin" className="no-underline hover:underline">
                {t("signIn")}
              </Link>
              <Link href="/signup" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline">
                {t("signUp")}
              </Link>
            </>
          )}
          <LanguageSwitcher current={locale} />
        </div>
      </div>
    </header>
  );
}
