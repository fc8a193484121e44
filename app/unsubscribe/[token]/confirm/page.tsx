import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { unsubscribeTarget } from "@/lib/notifications/unsubscribe";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("unsubscribe");
  return { title: t("title"), robots: { index: false } };
}

type Props = { params: Promise<{ token: string }> };

/**
 * Where a mail's unsubscribe link leads (through `/unsubscribe/<token>`): a question and a
 * button, so a mail scanner that follows links unsubscribes nobody. Works signed out, and
 * without JavaScript: the button posts the plain form to `/unsubscribe/<token>`.
 */
export default async function UnsubscribePage({ params }: Props) {
  const { token } = await params;
  const [t, target] = await Promise.all([getTranslations("unsubscribe"), unsubscribeTarget(token)]);
  const settings = (
    <p>
      <Link href="/settings/notifications">{t("settingsLink")}</Link>
    </p>
  );
  if (!target) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-3xl font-bold">{t("invalid")}</h1>
        <p className="text-stone-700">{t("invalidHelp")}</p>
        {settings}
      </div>
    );
  }
  if (target.emailFrequency === "none") {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p role="status" className="rounded border border-green-700 bg-green-50 p-4">
          {t("done", { email: target.email })}
        </p>
        <p className="text-stone-700">{t("changeLater")}</p>
        {settings}
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-lg">{t("question", { email: target.email })}</p>
      <p className="text-stone-700">{t("explain")}</p>
      <form method="post" action={`/unsubscribe/${encodeURIComponent(token)}`}>
        <input type="hidden" name="from" value="page" />
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
        >
          {t("button")}
        </button>
      </form>
      <p className="text-stone-700">{t("changeLater")}</p>
      {settings}
    </div>
  );
}
