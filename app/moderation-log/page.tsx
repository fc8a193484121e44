import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { publicLog } from "@/lib/moderation/logs";
import { AUTO_HIDE_REPORTERS } from "@/lib/moderation/schema";
import { first } from "@/lib/stories/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("moderation");
  return { title: t("logTitle"), alternates: { canonical: "/moderation-log" } };
}

export default async function ModerationLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const after = first((await searchParams).after) ?? null;
  const [t, format, log] = await Promise.all([
    getTranslations("moderation"),
    getFormatter(),
    publicLog(after),
  ]);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("logTitle")}</h1>
        <p className="text-stone-700">{t("logIntro")}</p>
      </header>
      {log.items.length === 0 ? <p className="text-stone-600">{t("logEmpty")}</p> : null}
      <ol className="space-y-3">
        {log.items.map((entry) => (
          <li key={entry.id} className="rounded border border-stone-200 bg-white p-4">
            <p className="text-sm text-stone-600">
              <time dateTime={entry.createdAt.toISOString()}>
                {format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </time>
              {" · "}
              {entry.actor
                ? t("logBy", { name: entry.actor.name })
                : t("logAutomatic", { count: AUTO_HIDE_REPORTERS })}
            </p>
            <p>
              <span className="font-medium">{t(`action_${entry.action}`)}</span>
              {": "}
              {["story", "comment", "member"].includes(entry.targetType)
                ? t(`logTarget_${entry.targetType}`, { label: entry.targetLabel })
                : entry.targetLabel}
            </p>
            {entry.reason ? (
              <p className="text-stone-700">{t("logReason", { reason: entry.reason })}</p>
            ) : null}
          </li>
        ))}
      </ol>
      {log.more ? (
        <Link href={`/moderation-log?after=${log.more}`} rel="next">
          {t("olderEntries")} →
        </Link>
      ) : null}
    </div>
  );
}
