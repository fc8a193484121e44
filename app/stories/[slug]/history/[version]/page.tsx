import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DiffView } from "@/components/diff-view";
import { RevisionRestoreForm } from "@/components/revision-restore-form";
import { listStartingPoints } from "@/lib/starting-points/queries";
import { restoreRevisionAction } from "@/lib/stories/actions";
import { diffVersions } from "@/lib/stories/diff";
import { LANGUAGES, ORGANISATION_TYPES } from "@/lib/constants/vocabulary";
import { STORY_FIELDS } from "@/lib/stories/schema";
import { first } from "@/lib/stories/search-params";
import { loadHistory, versionContent } from "../load";
import { SavedBy } from "../saved-by";

type Props = {
  params: Promise<{ slug: string; version: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { story } = await loadHistory((await params).slug);
  const t = await getTranslations("revisions");
  return { title: t("metaTitle", { title: story.title }), robots: { index: false } };
}

/**
 * One version of a story compared with another: by default with the version before it ("what
 * this save changed"), with `?compare=current` with the story as it is now ("what changed
 * since").
 */
export default async function StoryVersionPage({ params, searchParams }: Props) {
  const { slug, version: versionParam } = await params;
  const { story, entries, locale } = await loadHistory(slug);
  const version = /^\d{1,9}$/.test(versionParam) ? Number(versionParam) : NaN;
  const index = entries.findIndex((entry) => entry.version === version);
  if (index < 0) notFound();
  const entry = entries[index];
  const againstCurrent = first((await searchParams).compare) === "current" && !entry.current;
  const previous = entries[index + 1];

  const [t, tForm, tTypes, tLanguages, startingPoints] = await Promise.all([
    getTranslations("revisions"),
    getTranslations("storyForm"),
    getTranslations("organisationTypes"),
    getTranslations("languages"),
    listStartingPoints(locale),
  ]);
  const [before, after] = await Promise.all(
    againstCurrent
      ? [versionContent(story, version), versionContent(story, story.version)]
      : [
          previous ? versionContent(story, previous.version) : Promise.resolve(null),
          versionContent(story, version),
        ],
  );
  // A revision deleted between the two reads (its story was deleted) is as good as gone.
  if (!after || (!before && (againstCurrent || previous))) notFound();

  const base = `/stories/${story.slug}/history`;
  const labels = Object.fromEntries(STORY_FIELDS.map((field) => [field, tForm(field)]));
  const valueLabels = {
    organisationType: Object.fromEntries(ORGANISATION_TYPES.map((type) => [type, tTypes(type)])),
    language: Object.fromEntries(LANGUAGES.map((language) => [language, tLanguages(language)])),
    startingPoints: Object.fromEntries(startingPoints.map((sp) => [sp.slug, sp.name])),
  };

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link href={base}>{t("backToHistory")}</Link>
      </p>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">
          {againstCurrent ? t("comparedWithCurrent", { version }) : t("changesIn", { version })}
        </h1>
        <p className="text-lg font-medium" lang={story.language}>
          {story.title}
        </p>
        <SavedBy entry={entry} />
        <nav className="flex flex-wrap gap-4">
          {againstCurrent && previous ? (
            <Link href={`${base}/${version}`}>{t("compareWithPrevious")}</Link>
          ) : null}
          {!againstCurrent && !entry.current ? (
            <Link href={`${base}/${version}?compare=current`}>{t("compareWithCurrent")}</Link>
          ) : null}
        </nav>
      </header>

      {before ? (
        <section className="space-y-3">
          <p className="text-stone-700">
            {againstCurrent
              ? t("comparedWithCurrentIntro", { version, current: story.version })
              : t("changesInIntro", { from: previous?.version ?? version, version })}{" "}
            {t("legend")}
          </p>
          <DiffView
            diffs={diffVersions(before, after)}
            labels={labels}
            valueLabels={valueLabels}
            lang={story.language}
            text={{
              added: t("added"),
              removed: t("removed"),
              empty: t("empty"),
              noChanges: t("noChanges"),
              unchangedNote: t("unchangedNote"),
            }}
          />
        </section>
      ) : (
        <p className="text-stone-700">{t("firstVersion")}</p>
      )}

      {!entry.current ? (
        <RevisionRestoreForm
          action={restoreRevisionAction}
          storyId={story.id}
          version={version}
          expectedVersion={story.version}
          label={t("restore")}
          confirmMessage={t("restoreConfirm", { version })}
        />
      ) : null}
    </div>
  );
}
