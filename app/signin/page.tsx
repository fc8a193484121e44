import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth-forms";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/session";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

type Query = { callbackUrl?: string; ended?: string; reset?: string; deleted?: string; error?: string };

// Auth.js sends its errors here (pages.error); a sign-in link that was used or expired is the common one.
function authErrorKey(
  error: string | undefined,
): "magicLinkExpired" | "suspendedForGood" | "signInFailed" | null {
  if (!error) return null;
  if (error === "Verification") return "magicLinkExpired";
  if (error === "Suspended") return "suspendedForGood";
  return "signInFailed";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const callbackUrl = safeCallbackUrl(query.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const [t, tNav] = await Promise.all([getTranslations("auth"), getTranslations("nav")]);
  const errorKey = authErrorKey(query.error);
  return (
    <PageMessages page="app/signin/page.tsx">
      <div className="mx-auto max-w-md space-y-6">
        <h1 className="text-3xl font-bold">{t("signInTitle")}</h1>
        {callbackUrl === "/stories/new" ? (
          <div className="space-y-2 rounded border border-brand-600 bg-brand-50 p-4">
            <p>{t("shareNeedsAccount")}</p>
            <p>
              <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium">
                {t("createAccountInstead")}
              </Link>
            </p>
          </div>
        ) : null}
        {query.ended === "1" ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
            {t("sessionsEnded")}
          </p>
        ) : null}
        {query.reset === "1" ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
            {t("passwordChanged")}
          </p>
        ) : null}
        {query.deleted === "1" ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
            {t("accountDeleted")}
          </p>
        ) : null}
        {errorKey ? (
          <p role="status" className="rounded border border-red-700 bg-red-50 p-3">
            {t(errorKey)}
          </p>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} />
        <p className="text-stone-700">
          <Link href="/forgot-password">{t("forgotPassword")}</Link>
        </p>
        <p className="text-stone-700">
          <Link href={`/signin/email?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
            {t("emailMeALink")}
          </Link>
        </p>
        <p className="text-stone-700">
          {t("noAccount")}{" "}
          <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{tNav("signUp")}</Link>
        </p>
      </div>
    </PageMessages>
  );
}
