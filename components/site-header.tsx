import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/auth/actions";
import { isAdmin, isModerator } from "@/lib/auth/permissions";
import { currentSession } from "@/lib/auth/session";
import { openReportCount } from "@/lib/moderation/queue";
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
  const memberLinks = user ? (
    <>
      <Link
        href="/stories/new"
        className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
      >
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
      <NotificationBell
        unread={unread}
        label={unread > 0 ? t("notificationsUnread", { count: unread }) : t("notifications")}
      />
      <Link href={`/members/${user.handle}`} className="no-underline hover:underline">
        {user.name}
      </Link>
      <Link href="/settings" className="no-underline hover:underline">
        {t("settings")}
      </Link>
      <form action={signOutAction}>
        <PendingButton className="text-stone-700 underline-offset-2 hover:underline">
          {t("signOut")}
        </PendingButton>
      </form>
      <LanguageSwitcher current={locale} />
    </>
  ) : null;
  return (
    <header className="border-b border-stone-200 bg-white">
      {suspension ? (
        <p role="alert" className="bg-red-800 px-4 py-2 text-center text-white">
          {suspension.forGood
            ? tAuth("suspendedBannerForGood")
            : tAuth("suspendedBanner", {
                date: format.dateTime(suspension.until ?? new Date(), {
                  dateStyle: "long",
                  timeStyle: "short",
                }),
              })}
        </p>
      ) : null}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-800 no-underline hover:no-underline">
          Vertrekpunt
        </Link>
        <nav
          aria-label={t("main")}
          className="flex flex-1 flex-wrap items-center gap-x-4 gap-y-2 whitespace-nowrap"
        >
          <Link href="/stories" className="no-underline hover:underline">
            {t("stories")}
          </Link>
          <Link href="/starting-points" className="no-underline hover:underline">
            {t("startingPoints")}
          </Link>
        </nav>
        {user ? (
          <>
            {/*
             * The member's links take four rows on a phone: there they fold behind "Menu" (a
             * <details>, so it works without JavaScript). Both copies are in the page; CSS shows
             * one, and display: none takes the other away from screen readers too.
             */}
            <div className="hidden flex-wrap items-center gap-x-4 gap-y-2 whitespace-nowrap min-[480px]:flex">
              {memberLinks}
            </div>
            <details className="relative min-[480px]:hidden">
              <summary className="flex min-h-6 cursor-pointer list-none items-center rounded border border-stone-400 px-3 py-1.5 [&::-webkit-details-marker]:hidden">
                {t("menu")}
              </summary>
              <div className="absolute right-0 z-20 mt-2 flex w-64 flex-col items-start gap-3 rounded border border-stone-300 bg-white p-4 shadow-lg">
                {memberLinks}
              </div>
            </details>
          </>
        ) : (
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 whitespace-nowrap">
            <Link href="/signin" className="no-underline hover:underline">
              {t("signIn")}
            </Link>
            <Link
              href="/signup"
              className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline"
            >
              {t("signUp")}
            </Link>
            <LanguageSwitcher current={locale} />
          </div>
        )}
      </div>
    </header>
  );
}
