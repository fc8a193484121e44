import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { StoryCard as StoryCardData } from "@/lib/stories/cards";
import { highlightSnippet } from "@/lib/stories/highlight";
import { StartingPointTags } from "./starting-point-tags";

export async function StoryCard({
  story,
  headingLevel = 3,
  snippet,
}: {
  /** `shownLanguage`: the language of the title and summary, when a list shows a translation (decision 030). */
  story: StoryCardData & { shownLanguage?: string };
  headingLevel?: 2 | 3;
  snippet?: string;
}) {
  const shown = story.shownLanguage ?? story.language;
  const [t, tTypes, format] = await Promise.all([
    getTranslations("stories"),
    getTranslations("organisationTypes"),
    getFormatter(),
  ]);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const date = story.publishedAt ?? story.updatedAt;
  return (
    <article className="flex h-full flex-col gap-3 rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
        <span>{story.organisation}</span>
        <span aria-hidden="true">·</span>
        <span>{tTypes(story.organisationType)}</span>
        {story.isExample ? (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">{t("example")}</span>
        ) : null}
        {story.status === "draft" ? (
          <span className="rounded bg-stone-200 px-2 py-0.5 text-stone-800">{t("draft")}</span>
        ) : null}
        {story.status === "pending" ? (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-950">{t("statusPending")}</span>
        ) : null}
        {story.status === "hidden" ? (
          <span className="rounded bg-red-100 px-2 py-0.5 text-red-950">{t("statusHidden")}</span>
        ) : null}
      </div>
      <Heading className="text-lg font-semibold leading-snug" lang={shown}>
        <Link href={`/stories/${story.slug}`} className="text-stone-900 no-underline hover:underline">
          {story.title}
        </Link>
      </Heading>
      {story.summary ? (
        <p className="text-stone-700" lang={shown}>
          {story.summary}
        </p>
      ) : null}
      {snippet ? (
        // Escaped by highlightSnippet; only its <mark> tags are markup.
        <p
          className="text-sm text-stone-700 [&_mark]:bg-amber-200 [&_mark]:text-stone-900"
          lang={story.language}
          dangerouslySetInnerHTML={{ __html: `…${highlightSnippet(snippet)}…` }}
        />
      ) : null}
      <div className="mt-auto space-y-3">
        <StartingPointTags tags={story.startingPoints} />
        <p className="text-sm text-stone-600">
          {story.author ? t("by", { name: story.author.name }) : t("by", { name: t("formerMember") })}
          {" · "}
          <time dateTime={date.toISOString()}>{format.dateTime(date, { dateStyle: "medium" })}</time>
          {" · "}
          {t("comments", { count: story.commentCount })}
          {story.recognitionCount > 0 ? ` · ${t("recognitions", { count: story.recognitionCount })}` : null}
        </p>
      </div>
    </article>
  );
}
