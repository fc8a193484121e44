import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth-forms";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; ended?: string }> }) {
  const query = await searchParams;
  const callbackUrl = safeCallbackUrl(query.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const [t, tNav] = await Promise.all([getTranslations("auth"), getTranslations("nav")]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-bold">{t("signInTitle")}</h1>
      {query.ended === "1" ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
          {t("sessionsEnded")}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} />
      <p className="text-stone-700">
        {t("noAccount")} <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{tNav("signUp")}</Link>
      </p>
    </div>
  );
}
