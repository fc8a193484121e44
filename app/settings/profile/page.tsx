import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProfileForm } from "@/components/account-forms";
import { requireUser } from "@/lib/auth/session";
import { getAccountSettings } from "@/lib/members/account";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("profileTitle") };
}

export default async function ProfileSettingsPage() {
  const user = await requireUser("/settings/profile");
  const [t, settings] = await Promise.all([getTranslations("settings"), getAccountSettings(user.id)]);
  if (!settings) notFound();
  return (
    <PageMessages page="app/settings/profile/page.tsx">
      <section className="max-w-2xl space-y-6">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("profileTitle")}</h1>
          <p className="text-stone-700">
            {t.rich("profileIntro", {
              link: (chunks) => <Link href={`/members/${settings.handle}`}>{chunks}</Link>,
            })}
          </p>
        </header>
        {/* The handle is in every link to the member's page and feed, so it stays as it is. */}
        <dl>
          <dt className="font-medium text-stone-900">{t("handle")}</dt>
          <dd className="mt-1 text-stone-800">@{settings.handle}</dd>
          <dd className="mt-1 text-sm text-stone-600">{t("handleHint")}</dd>
        </dl>
        <ProfileForm
          profile={{
            name: settings.name,
            organisation: settings.organisation,
            bio: settings.bio,
            website: settings.website,
          }}
        />
      </section>
    </PageMessages>
  );
}
