import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReportForm } from "@/components/report-form";
import { canReport } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { findTarget } from "@/lib/moderation/targets";
import { REPORT_TARGETS } from "@/lib/moderation/schema";
import { PageMessages } from "@/components/page-messages";

type Props = { params: Promise<{ type: string; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("moderation");
  return { title: t("reportTitle"), robots: { index: false } };
}

export default async function ReportPage({ params }: Props) {
  const { type, id } = await params;
  const user = await requireUser(`/report/${type}/${id}`);
  const targetType = REPORT_TARGETS.find((t) => t === type);
  const target = targetType ? await findTarget(targetType, id) : null;
  // What the member cannot report (gone, hidden, their own) does not exist for them.
  if (!target || !canReport(user, target)) notFound();
  const t = await getTranslations("moderation");
  return (
    <PageMessages page="app/report/[type]/[id]/page.tsx">
      <div className="mx-auto max-w-2xl space-y-6">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("reportTitle")}</h1>
          <p className="text-stone-700">{t("reportIntro")}</p>
          <p>{t("reporting", { target: t(`target_${target.type}`, { label: target.label }) })}</p>
        </header>
        <ReportForm targetType={target.type} targetId={target.id} backHref={target.url} />
      </div>
    </PageMessages>
  );
}
