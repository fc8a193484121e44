import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RevisionRestoreForm } from "@/components/revision-restore-form";
import { restoreRevisionAction } from "@/lib/stories/actions";
import { loadHistory } from "./load";
import { SavedBy } from "./saved-by";
import { TranslationHistory } from "./translation-history";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { story } = await loadHistory((await params).slug);
  const t = await getTranslations("revisions");
  // For the author and moderators only: nothing for search engines.
  return { title: t("metaTitle", { title: story.title }), robots: { index: false } };
}

export default async function StoryHistoryPage({ params }: Props) {
  const { slug } = await params;
  const { story, entries } = await loadHistory(slug);
  const t = await getTranslations("revisions");
  const base = `/stories/${story.slug}/history`;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link href={`/stories/${story.slug}`}>{t("backToStory")}</Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("heading")}</h1>
        <p className="text-lg font-medium" lang={story.language}>
          {story.title}
        </p>
        <p className="text-stone-700">{t("intro")}</p>
      </header>

      <ol aria-label={t("versionsLabel")} className="space-y-4">
        {entries.map((entry, index) => {
          const previous = entries[index + 1];
          return (
            <li key={entry.version} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
              <h2 className="text-xl font-semibold">
                {t("version", { version: entry.version })}
                {entry.current ? " " : null}
                {entry.current ? (
                  <span className=" rounded bg-stone-700 px-2 py-0.5 text-sm font-medium text-white">
                    {t("current")}
                  </span>
                ) : null}
              </h2>
              <SavedBy entry={entry} />
              <div className="flex flex-wrap items-start gap-3">
                {previous ? (
                  <Link
                    href={`${base}/${entry.version}`}
                    aria-label={`${t("compareWithPrevious")}: ${t("version", { version: entry.version })}`}
                  >
                    {t("compareWithPrevious")}
                  </Link>
                ) : null}
                {!entry.current ? (
                  <>
                    <Link
                      href={`${base}/${entry.version}?compare=current`}
                      aria-label={`${t("compareWithCurrent")}: ${t("version", { version: entry.version })}`}
                    >
                      {t("compareWithCurrent")}
                    </Link>
                    <RevisionRestoreForm
                      action={restoreRevisionAction}
                      storyId={story.id}
                      version={entry.version}
                      expectedVersion={story.version}
                      label={t("restore")}
                      confirmMessage={t("restoreConfirm", { version: entry.version })}
                    />
                  </>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>

      <TranslationHistory storyId={story.id} />
    </div>
  );
}
