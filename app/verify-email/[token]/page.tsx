import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConfirmEmailForm } from "@/components/confirm-email-form";
import { describeEmailToken } from "@/lib/auth/email-tokens";
import { currentUser } from "@/lib/auth/session";
import { PageMessages } from "@/components/page-messages";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("verifyEmail");
  // The address holds a secret: keep it out of indexes and out of Referer headers.
  return { title: t("title"), robots: { index: false }, referrer: "no-referrer" };
}

/** A confirmation link from a mail: a sign-up's address, or a new address for an account. */
export default async function VerifyEmailPage({ params }: Props) {
  const { token } = await params;
  const [t, link, user] = await Promise.all([
    getTranslations("verifyEmail"),
    describeEmailToken(token),
    currentUser(),
  ]);

  if (!link) {
    return (
      <PageMessages page="app/verify-email/[token]/page.tsx">
        <div className="mx-auto max-w-md space-y-6">
          <h1 className="text-3xl font-bold">{t("invalidTitle")}</h1>
          <p className="text-stone-700">{t("invalid")}</p>
          <p className="text-stone-700">
            {user?.emailUnconfirmed ? t("invalidSendAgain") : t("invalidChange")}
          </p>
          <p>
            <Link href={user ? "/settings/account" : "/signin"} className="font-medium">
              {user ? t("toSettings") : t("toSignIn")}
            </Link>
          </p>
        </div>
      </PageMessages>
    );
  }
  const change = link.purpose === "change_email";
  return (
    <PageMessages page="app/verify-email/[token]/page.tsx">
      <div className="mx-auto max-w-md space-y-6">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{change ? t("changeTitle") : t("title")}</h1>
          <p className="text-stone-700">
            {change ? t("changeIntro", { email: link.email }) : t("intro", { email: link.email })}
          </p>
        </header>
        <ConfirmEmailForm token={token} label={change ? t("changeButton") : t("button")} />
      </div>
    </PageMessages>
  );
}
