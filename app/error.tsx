"use client";

import { useTranslations } from "next-intl";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <h1 className="text-3xl font-bold">{t("errorTitle")}</h1>
      <p className="text-stone-700">{t("errorText")}</p>
      <button type="button" onClick={reset} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        {t("tryAgain")}
      </button>
    </div>
  );
}
