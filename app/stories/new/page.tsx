import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StoryForm } from "@/components/story-form";
import { requireUser } from "@/lib/auth/session";
import { newIdempotencyKey } from "@/lib/idempotency";
import { getReaderLocale } from "@/lib/i18n/server";
import { needsApproval } from "@/lib/admin/settings";
import { listStartingPoints } from "@/lib/starting-points/queries";
import { createStoryAction } from "@/lib/stories/actions";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("stories");
  return { title: t("newTitle") };
}

export default async function NewStoryPage() {
  // proxy.ts already redirects; this check is the one that counts.
  const user = await requireUser("/stories/new");
  const locale = await getReaderLocale();
  const [t, startingPoints, approval] = await Promise.all([
    getTranslations("stories"),
    listStartingPoints(locale),
    needsApproval(user),
  ]);
  return (
    <PageMessages page="app/stories/new/page.tsx">
      <div className="mx-auto max-w-3xl space-y-6">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("newTitle")}</h1>
          <p className="text-stone-700">{t("newIntro")}</p>
        </header>
        <StoryForm
          action={createStoryAction}
          startingPoints={startingPoints}
          defaultLanguage={locale}
          needsApproval={approval}
          idempotencyKey={newIdempotencyKey()}
        />
      </div>
    </PageMessages>
  );
}
