import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MagicLinkForm } from "@/components/magic-link-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/session";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("magicLinkTitle") };
}

/** Signing in without the password: a link by mail (lib/auth/magic-link.ts). */
export default async function MagicLinkPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <PageMessages page="app/signin/email/page.tsx">
      <div className="mx-auto max-w-md space-y-6">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("magicLinkTitle")}</h1>
          <p className="text-stone-700">{t("magicLinkIntro")}</p>
        </header>
        <MagicLinkForm callbackUrl={callbackUrl} />
        <p className="text-stone-700">
          <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
            {t("signInWithPassword")}
          </Link>
        </p>
      </div>
    </PageMessages>
  );
}
