import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errors");
  return { title: t("forbiddenMetaTitle"), robots: { index: false } };
}

/**
 * Every 403: an action refused with `forbidden()` (deleting someone else's comment, closing
 * comments on another's story, a lock without the role). It says nothing was changed.
 */
export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <div className="mx-auto max-w-xl space-y-6 py-12 text-center">
      <h1 className="text-3xl font-bold">{t("forbiddenTitle")}</h1>
      <p className="text-stone-700">{t("forbiddenText")}</p>
      <p className="flex flex-wrap justify-center gap-x-6 gap-y-2">
        <Link href="/stories">{t("notFoundStories")}</Link>
        <Link href="/">{t("backHome")}</Link>
      </p>
    </div>
  );
}
