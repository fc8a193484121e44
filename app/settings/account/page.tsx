import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChangeEmailForm, ChangePasswordForm, DeleteAccountForm } from "@/components/account-forms";
import { requireUser } from "@/lib/auth/session";
import { getAccountSettings } from "@/lib/members/account";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("accountTitle") };
}

const sectionClass = "space-y-4 rounded-lg border border-stone-200 bg-white p-5";

export default async function AccountSettingsPage({
  searchParams,
}: {
  searchParams: Promise<{ password?: string }>;
}) {
  const user = await requireUser("/settings/account");
  const [t, settings, query] = await Promise.all([
    getTranslations("settings"),
    getAccountSettings(user.id),
    searchParams,
  ]);
  if (!settings) notFound();
  return (
    <PageMessages page="app/settings/account/page.tsx">
      <div className="max-w-2xl space-y-8">
        <h1 className="text-3xl font-bold">{t("accountTitle")}</h1>
        {query.password === "changed" ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
            {t("passwordChanged")}
          </p>
        ) : null}

        <section aria-labelledby="email-heading" className={sectionClass}>
          <h2 id="email-heading" className="text-xl font-semibold">
            {t("emailTitle")}
          </h2>
          <p>{t("currentEmail", { email: settings.email })}</p>
          {settings.pendingEmail ? (
            <p className="text-stone-700">{t("pendingEmail", { email: settings.pendingEmail })}</p>
          ) : null}
          <p className="text-sm text-stone-700">{t("emailIntro")}</p>
          <ChangeEmailForm />
        </section>

        <section aria-labelledby="password-heading" className={sectionClass}>
          <h2 id="password-heading" className="text-xl font-semibold">
            {t("passwordTitle")}
          </h2>
          <p className="text-sm text-stone-700">{t("passwordIntro")}</p>
          <ChangePasswordForm />
        </section>

        <section aria-labelledby="data-heading" className={sectionClass}>
          <h2 id="data-heading" className="text-xl font-semibold">
            {t("dataTitle")}
          </h2>
          <p className="text-sm text-stone-700">{t("dataIntro")}</p>
          {/* A plain link: the route handler answers with an attachment, the page stays. */}
          <a
            href="/settings/account/export"
            download
            className="inline-block rounded border border-stone-400 bg-white px-4 py-2 text-stone-900 no-underline hover:bg-stone-100 hover:no-underline"
          >
            {t("downloadData")}
          </a>
        </section>

        <section aria-labelledby="delete-heading" className={`${sectionClass} border-red-300`}>
          <h2 id="delete-heading" className="text-xl font-semibold text-red-900">
            {t("deleteTitle")}
          </h2>
          <p className="text-sm text-stone-700">{t("deleteIntro")}</p>
          <DeleteAccountForm />
        </section>
      </div>
    </PageMessages>
  );
}
