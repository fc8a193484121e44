import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/auth/actions";
import { currentUser } from "@/lib/auth/session";
import { PendingButton } from "./forms/pending-button";
import { LanguageSwitcher } from "./language-switcher";

export async function SiteHeader() {
  const [t, user, locale] = await Promise.all([getTranslations("nav"), currentUser(), getLocale()]);
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-800 no-underline hover:no-underline">
          Vertrekpunt
        </Link>
        <nav aria-label={t("main")} className="flex flex-1 flex-wrap items-center gap-x-4 gap-y-2">
          <Link href="/stories" className="no-underline hover:underline">
            {t("stories")}
          </Link>
          <Link href="/starting-points" className="no-underline hover:underline">
            {t("startingPoints")}
          </Link>
        </nav>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          {user ? (
            <>
              <Link href="/stories/new" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white no-underline hover:bg-brand-800 hover:no-underline">
                {t("writeStory")}
              </Link>
              <Link href={`/members/${user.handle}`} className="no-underline hover:underline">
                {user.name}
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
