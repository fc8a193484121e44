import { getTranslations } from "next-intl/server";

export async function SiteFooter() {
  const t = await getTranslations("footer");
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-5xl space-y-2 px-4 py-6 text-sm text-stone-700">
        <p>{t("about")}</p>
        <p className="italic">{t("questions")}</p>
        <p>
          <a href="/api">{t("api")}</a> · <a href="/stories/feed.xml">Atom</a> ·{" "}
          <a href="/starting-points/export.csv">CSV</a> · <a href="/moderation-log">{t("moderationLog")}</a> ·{" "}
          <a href="/privacy">{t("privacy")}</a>
        </p>
      </div>
    </footer>
  );
}
