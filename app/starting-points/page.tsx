import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { startingPointColor } from "@/components/starting-point-color";
import { getReaderLocale } from "@/lib/i18n/server";
import { coOccurrences, listStartingPoints } from "@/lib/starting-points/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("startingPoints");
  return { title: t("title") };
}

export default async function StartingPointsPage() {
  const locale = await getReaderLocale();
  const [t, startingPoints, pairs] = await Promise.all([getTranslations("startingPoints"), listStartingPoints(locale), coOccurrences()]);
  const together = (a: string, b: string) => pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))?.stories ?? 0;

  return (
    <div className="space-y-10">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="max-w-3xl text-lg text-stone-700">{t("intro")}</p>
      </header>

      <ol className="space-y-6">
        {startingPoints.map((sp) => (
          <li key={sp.slug} className="rounded-lg border-l-4 bg-white p-5 shadow-sm" style={{ borderLeftColor: startingPointColor(sp.position) }}>
            <h2 className="text-xl font-semibold">
              <span className="mr-2" style={{ color: startingPointColor(sp.position) }}>
                {sp.position}.
              </span>
              <Link href={`/starting-points/${sp.slug}`} className="text-stone-900 no-underline hover:underline">
                {sp.name}
              </Link>
            </h2>
            <p className="mt-1 font-medium text-stone-700">{sp.tagline}</p>
            <p className="mt-2 text-stone-800">{sp.description}</p>
            <p className="mt-2 text-sm text-stone-600">
              <Link href={`/starting-points/${sp.slug}`}>{t("storyCount", { count: sp.storyCount })}</Link>
            </p>
          </li>
        ))}
      </ol>

      <section aria-labelledby="questions-heading" className="rounded-lg bg-brand-50 p-6">
        <h2 id="questions-heading" className="text-xl font-semibold">
          {t("questionsHeading")}
        </h2>
        <ol className="mt-3 list-decimal space-y-1 pl-6">
          <li>{t("question1")}</li>
          <li>{t("question2")}</li>
          <li>{t("question3")}</li>
        </ol>
      </section>

      <section aria-labelledby="overlap-heading" className="space-y-3">
        <h2 id="overlap-heading" className="text-xl font-semibold">
          {t("coOccurrenceHeading")}
        </h2>
        <p className="max-w-3xl text-stone-700">{t("overlapNote")}</p>
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse bg-white text-sm">
            <caption className="mb-2 text-left text-stone-600">{t("coOccurrenceCaption")}</caption>
            <thead>
              <tr>
                <td className="border border-stone-300 p-2" />
                {startingPoints.map((sp) => (
                  <th key={sp.slug} scope="col" className="border border-stone-300 p-2 text-left font-semibold">
                    {sp.position}. {sp.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {startingPoints.map((row) => (
                <tr key={row.slug}>
                  <th scope="row" className="border border-stone-300 p-2 text-left font-semibold">
                    {row.position}. {row.name}
                  </th>
                  {startingPoints.map((col) => (
                    <td key={col.slug} className={`border border-stone-300 p-2 text-right tabular-nums ${row.slug === col.slug ? "bg-stone-100 font-semibold" : ""}`}>
                      {row.slug === col.slug ? row.storyCount : together(row.slug, col.slug)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
