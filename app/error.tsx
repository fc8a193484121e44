"use client";

import { useTranslations } from "next-intl";

/*
 * A page that failed on the server. The digest is the reference the server logged the error
 * under (instrumentation.ts, with the request id): a person who quotes it leads us to the log
 * line. Errors in the browser have no digest, and then there is nothing to quote.
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("errors");
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <h1 className="text-3xl font-bold">{t("errorTitle")}</h1>
      <p className="text-stone-700">{t("errorText")}</p>
      <button
        type="button"
        onClick={reset}
        className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
      >
        {t("tryAgain")}
      </button>
      {error.digest ? (
        <div className="pt-4 text-sm text-stone-600">
          <p>{t("errorReference", { id: error.digest })}</p>
          <p>{t("errorReferenceHint")}</p>
        </div>
      ) : null}
    </div>
  );
}
