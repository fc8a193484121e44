import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PendingButton } from "@/components/forms/pending-button";
import { NotificationSettingsForm } from "@/components/notification-settings-form";
import { requireUser } from "@/lib/auth/session";
import { isLocale } from "@/lib/i18n/locales";
import { getReaderLocale } from "@/lib/i18n/server";
import { setFollowAction } from "@/lib/notifications/actions";
import { getMailPreferences, listFollows } from "@/lib/notifications/queries";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notificationSettings");
  return { title: t("title"), robots: { index: false } };
}

/** Mail preferences and everything the member follows, each with a way to stop. */
export default async function NotificationSettingsPage() {
  const user = await requireUser("/settings/notifications");
  const locale = await getReaderLocale();
  const [t, tLanguages, preferences, follows] = await Promise.all([
    getTranslations("notificationSettings"),
    getTranslations("languages"),
    getMailPreferences(user.id),
    listFollows(user.id, locale),
  ]);
  const unfollow = (target: "story" | "startingPoint", id: string, name: string) => (
    <form action={setFollowAction}>
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="follow" value="false" />
      <PendingButton className="rounded border border-stone-400 bg-white px-3 py-1 text-sm hover:bg-stone-100">
        {t("unfollow")}
        <span className="sr-only"> {name}</span>
      </PendingButton>
    </form>
  );
  return (
    <PageMessages page="app/settings/notifications/page.tsx">
      <div className="max-w-3xl space-y-8">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("title")}</h1>
          <p className="text-stone-700">{t("intro")}</p>
        </header>

        <section aria-labelledby="email-heading" className="space-y-3">
          <h2 id="email-heading" className="text-2xl font-semibold">
            {t("emailHeading")}
          </h2>
          {preferences ? (
            <p className="text-stone-700">
              {t("emailAddress", {
                email: preferences.email,
                language: tLanguages(isLocale(preferences.locale) ? preferences.locale : "en"),
              })}
            </p>
          ) : null}
          <NotificationSettingsForm emailFrequency={preferences?.emailFrequency ?? "immediate"} />
        </section>

        <section aria-labelledby="follows-heading" className="space-y-4">
          <h2 id="follows-heading" className="text-2xl font-semibold">
            {t("followsHeading")}
          </h2>
          <h3 className="text-lg font-semibold">{t("startingPointsHeading")}</h3>
          {follows.startingPoints.length === 0 ? (
            <p className="text-stone-600">{t("noStartingPoints")}</p>
          ) : (
            <ul className="space-y-2">
              {follows.startingPoints.map((sp) => (
                <li
                  key={sp.id}
                  className="flex flex-wrap items-center justify-between gap-3 rounded border border-stone-200 bg-white p-3"
                >
                  <Link href={`/starting-points/${sp.slug}`}>{sp.name}</Link>
                  {unfollow("startingPoint", sp.slug, sp.name)}
                </li>
              ))}
            </ul>
          )}
          <h3 className="text-lg font-semibold">{t("storiesHeading")}</h3>
          {follows.stories.length === 0 ? (
            <p className="text-stone-600">{t("noStories")}</p>
          ) : (
            <ul className="space-y-2">
              {follows.stories.map((story) => (
                <li
                  key={story.id}
                  className="flex flex-wrap items-center justify-between gap-3 rounded border border-stone-200 bg-white p-3"
                >
                  <Link href={`/stories/${story.slug}`} lang={story.language}>
                    {story.title}
                  </Link>
                  {unfollow("story", story.id, story.title)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </PageMessages>
  );
}
