import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MAGIC_LINK_VALID_MINUTES } from "@/lib/auth/magic-link";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("checkEmailTitle"), robots: { index: false } };
}

/** After "Email me a sign-in link", for every address alike: it names neither the address nor whether it has an account. */
export default async function CheckEmailPage() {
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-bold">{t("checkEmailTitle")}</h1>
      <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
        {t("checkEmail", { minutes: MAGIC_LINK_VALID_MINUTES })}
      </p>
      <p>
        <Link href="/signin/email">{t("requestNewLink")}</Link>
      </p>
      <p>
        <Link href="/signin">{t("backToSignIn")}</Link>
      </p>
    </div>
  );
}
