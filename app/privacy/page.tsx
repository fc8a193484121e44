import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  return { title: t("title"), description: t("intro") };
}

const SECTIONS = ["stored", "visible", "email", "kept", "yours", "protection"] as const;

/**
 * What the platform keeps about its members, who sees it, for how long, and how to take it
 * with you or have it removed. Linked from sign-up and from every page's footer.
 */
export default async function PrivacyPage() {
  const t = await getTranslations("privacy");
  return (
    <div className="max-w-3xl space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-lg text-stone-700">{t("intro")}</p>
      </header>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`} className="space-y-2">
          <h2 id={`privacy-${section}`} className="text-xl font-semibold">
            {t(`${section}Heading`)}
          </h2>
          <p className="text-stone-800">{t(`${section}Text`)}</p>
        </section>
      ))}
      <p>
        <Link href="/settings/account">{t("settingsLink")}</Link>
      </p>
    </div>
  );
}
