import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { StartingPointSummary } from "@/lib/starting-points/queries";
import { startingPointColor } from "@/lib/starting-points/color";

export async function StartingPointCard({ startingPoint }: { startingPoint: StartingPointSummary }) {
  const t = await getTranslations("startingPoints");
  return (
    <article
      className="flex h-full flex-col gap-2 rounded-lg border-t-4 border-x border-b border-stone-200 bg-white p-5 shadow-sm"
      style={{ borderTopColor: startingPointColor(startingPoint.position) }}
    >
      <p className="text-sm font-semibold" style={{ color: startingPointColor(startingPoint.position) }}>
        {startingPoint.position}
      </p>
      <h3 className="text-lg font-semibold leading-snug">
        <Link
          href={`/starting-points/${startingPoint.slug}`}
          className="text-stone-900 no-underline hover:underline"
        >
          {startingPoint.name}
        </Link>
      </h3>
      <p className="text-stone-700">{startingPoint.tagline}</p>
      <p className="mt-auto text-sm text-stone-600">{t("storyCount", { count: startingPoint.storyCount })}</p>
    </article>
  );
}
