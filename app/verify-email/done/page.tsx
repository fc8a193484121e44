import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("verifyEmail");
  return { title: t("doneTitle"), robots: { index: false } };
}

export default async function VerifyEmailDonePage({
  searchParams,
}: {
  searchParams: Promise<{ changed?: string }>;
}) {
  const [t, user, query] = await Promise.all([getTranslations("verifyEmail"), currentUser(), searchParams]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-bold">{t("doneTitle")}</h1>
      <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
        {query.changed === "1" ? t("changed") : t("confirmed")}
      </p>
      <p>
        {user ? (
          <Link href="/stories/new" className="font-medium">
            {t("writeStory")}
          </Link>
        ) : (
          <Link href="/signin" className="font-medium">
            {t("toSignIn")}
          </Link>
        )}
      </p>
    </div>
  );
}
