import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { isAdmin } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("welcome");
  return { title: t("metaTitle"), robots: { index: false } };
}

/**
 * Where a new member lands after signing up (unless they were on their way somewhere): what
 * they can do now. The first account of an installation is its admin and is told what that means.
 */
export default async function WelcomePage() {
  const user = await requireUser("/welcome");
  const t = await getTranslations("welcome");
  const steps = [
    { href: "/stories/new", label: t("writeStory"), text: t("writeStoryText") },
    { href: "/stories", label: t("readStories"), text: t("readStoriesText") },
    { href: "/starting-points", label: t("startingPoints"), text: t("startingPointsText") },
    { href: "/settings/profile", label: t("profile"), text: t("profileText") },
  ];
  return (
    <div className="max-w-3xl space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">{t("title", { name: user.name })}</h1>
        <p className="text-lg text-stone-700">{t("intro")}</p>
      </header>
      {isAdmin(user) ? (
        <section
          aria-labelledby="admin-heading"
          className="space-y-2 rounded-lg border border-brand-600 bg-brand-50 p-5"
        >
          <h2 id="admin-heading" className="text-xl font-semibold">
            {t("adminHeading")}
          </h2>
          <p>{t("adminText")}</p>
          <p>
            <Link href="/admin">{t("adminLink")}</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="next-heading" className="space-y-4">
        <h2 id="next-heading" className="text-xl font-semibold">
          {t("nextHeading")}
        </h2>
        <ul className="space-y-4">
          {steps.map((step) => (
            <li key={step.href}>
              <Link href={step.href} className="font-medium">
                {step.label}
              </Link>
              <p className="text-stone-700">{step.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
