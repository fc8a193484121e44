import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/password-reset-forms";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("forgotPasswordTitle"), robots: { index: false } };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <PageMessages page="app/forgot-password/page.tsx">
      <div className="mx-auto max-w-md space-y-6">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("forgotPasswordTitle")}</h1>
          <p className="text-stone-700">{t("forgotPasswordIntro")}</p>
        </header>
        <ForgotPasswordForm />
        <p className="text-stone-700">
          <Link href="/signin">{t("backToSignIn")}</Link>
        </p>
      </div>
    </PageMessages>
  );
}
