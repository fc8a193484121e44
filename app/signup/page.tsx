import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth-forms";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/session";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signUpTitle") };
}

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <PageMessages page="app/signup/page.tsx">
      <div className="mx-auto max-w-md space-y-6">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("signUpTitle")}</h1>
          <p className="text-stone-700">{t("signUpIntro")}</p>
          <p className="text-stone-700">
            <Link href="/privacy">{t("privacyLink")}</Link>
          </p>
        </header>
        <SignUpForm callbackUrl={callbackUrl} />
        <p className="text-stone-700">
          {t("haveAccount")}{" "}
          <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{t("signIn")}</Link>
        </p>
      </div>
    </PageMessages>
  );
}
