import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errors");
  return { title: t("notFoundMetaTitle"), robots: { index: false } };
}

/** Every 404: its own title, and two ways on (a search of the stories, and the list of them). */
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="mx-auto max-w-xl space-y-6 py-12">
      <header className="space-y-2 text-center">
        <h1 className="text-3xl font-bold">{t("notFoundTitle")}</h1>
        <p className="text-stone-700">{t("notFoundText")}</p>
      </header>
      <form method="get" action="/stories" role="search" className="space-y-1">
        <label htmlFor="not-found-q" className="block font-medium">
          {t("notFoundSearch")}
        </label>
        <div className="flex gap-2">
          <input
            id="not-found-q"
            name="q"
            type="search"
            className="block w-full rounded border border-stone-400 px-3 py-2"
          />
          <button
            type="submit"
            className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
          >
            {t("notFoundSearchButton")}
          </button>
        </div>
      </form>
      <p className="flex flex-wrap justify-center gap-x-6 gap-y-2">
        <Link href="/stories">{t("notFoundStories")}</Link>
        <Link href="/">{t("backHome")}</Link>
      </p>
    </div>
  );
}
