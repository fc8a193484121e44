import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/password-reset-forms";
import { isPasswordResetTokenValid } from "@/lib/auth/password-reset";
import { PageMessages } from "@/components/page-messages";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  // The address holds a secret: keep it out of indexes and out of Referer headers.
  return { title: t("resetPasswordTitle"), robots: { index: false }, referrer: "no-referrer" };
}

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const [t, valid] = await Promise.all([getTranslations("auth"), isPasswordResetTokenValid(token)]);

  if (!valid) {
    return (
      <PageMessages page="app/reset-password/[token]/page.tsx">
        <div className="mx-auto max-w-md space-y-6">
          <h1 className="text-3xl font-bold">{t("resetLinkInvalidTitle")}</h1>
          <p className="text-stone-700">{t("resetLinkInvalid")}</p>
          <p>
            <Link href="/forgot-password" className="font-medium">
              {t("requestNewLink")}
            </Link>
          </p>
        </div>
      </PageMessages>
    );
  }
  return (
    <PageMessages page="app/reset-password/[token]/page.tsx">
      <div className="mx-auto max-w-md space-y-6">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("resetPasswordTitle")}</h1>
          <p className="text-stone-700">{t("resetPasswordIntro")}</p>
        </header>
        <ResetPasswordForm token={token} />
      </div>
    </PageMessages>
  );
}
