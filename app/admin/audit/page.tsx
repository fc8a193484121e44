import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { isAdmin } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { auditLog } from "@/lib/moderation/logs";
import { first } from "@/lib/stories/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("auditTitle"), robots: { index: false } };
}

const show = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/admin/audit");
  if (!isAdmin(user)) notFound();
  const after = first((await searchParams).after) ?? null;
  const [t, tMod, format, log] = await Promise.all([
    getTranslations("admin"),
    getTranslations("moderation"),
    getFormatter(),
    auditLog(after),
  ]);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("auditTitle")}</h1>
        <p className="text-stone-700">{t("auditIntro")}</p>
      </header>
      {log.items.length === 0 ? (
        <p className="text-stone-600">{t("auditEmpty")}</p>
      ) : (
        <div
          role="region"
          aria-label={t("auditTitle")}
          tabIndex={0}
          className="relative max-w-full overflow-x-auto"
        >
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="p-2">
                  {t("col_when")}
                </th>
                <th scope="col" className="p-2">
                  {t("col_who")}
                </th>
                <th scope="col" className="p-2">
                  {t("col_action")}
                </th>
                <th scope="col" className="p-2">
                  {t("col_target")}
                </th>
                <th scope="col" className="p-2">
                  {t("col_reason")}
                </th>
                <th scope="col" className="p-2">
                  {t("col_change")}
                </th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((entry) => (
                <tr key={entry.id} className="border-b border-stone-200 align-top">
                  <td className="p-2 whitespace-nowrap">
                    {format.dateTime(entry.createdAt, { dateStyle: "short", timeStyle: "medium" })}
                  </td>
                  <td className="p-2">
                    {entry.actor ? `${entry.actor.name} (@${entry.actor.handle})` : t("system")}
                  </td>
                  <td className="p-2">{tMod(`action_${entry.action}`)}</td>
                  <td className="p-2">
                    {entry.targetType}: {entry.targetLabel}
                  </td>
                  <td className="p-2">{entry.reason}</td>
                  <td className="p-2 font-mono text-xs break-all">
                    {show(entry.before)} → {show(entry.after)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.more ? (
        <Link href={`/admin/audit?after=${log.more}`} rel="next">
          {tMod("olderEntries")} →
        </Link>
      ) : null}
    </div>
  );
}
