import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <h1 className="text-3xl font-bold">{t("notFoundTitle")}</h1>
      <p className="text-stone-700">{t("notFoundText")}</p>
      <p>
        <Link href="/">{t("backHome")}</Link>
      </p>
    </div>
  );
}
