import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TriggerGroupView } from "@/components/model-learning-sections";
import { cachedTriggerMentions, cachedTriggers } from "@/lib/cache/reads";
import { getReaderLocale } from "@/lib/i18n/server";
import { first } from "@/lib/stories/search-params";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// A stem is a short lower-case word; anything else names no term (and a NUL would reach PostgreSQL).
const TERM = /^[\p{L}\p{N}'’-]{1,60}$/u;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("triggers");
  return { title: t("title") };
}

/** The book's second question in full: the triggers per starting point, or those using one word. */
export default async function TriggersPage({ searchParams }: Props) {
  const params = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("triggers"), getReaderLocale()]);
  const sp = first(params.sp);
  const term = first(params.term);

  if (sp !== undefined || term !== undefined) {
    if (!sp || !term || !TERM.test(term)) notFound();
    const mentions = await cachedTriggerMentions(sp, term, locale);
    if (!mentions) notFound();
    return (
      <div className="space-y-8">
        <header className="space-y-3">
          <p>
            <Link href="/starting-points/triggers">{t("back")}</Link>
          </p>
          <h1 className="text-3xl font-bold">{t("mentioning", { word: mentions.word })}</h1>
          <p className="text-lg text-stone-700">{mentions.startingPoint.name}</p>
          <p className="max-w-3xl text-stone-700">{t("mentioningIntro", { word: mentions.word })}</p>
        </header>
        {mentions.stories.length + mentions.notes.length === 0 ? (
          <p className="text-stone-700">{t("noMentions")}</p>
        ) : null}
        {mentions.stories.length > 0 ? (
          <section aria-labelledby="mention-stories" className="space-y-3">
            <h2 id="mention-stories" className="text-2xl font-semibold">
              {t("storiesHeading")}
            </h2>
            <ul className="space-y-3">
              {mentions.stories.map((story) => (
                <li key={story.slug} className="rounded-lg border border-stone-200 bg-white p-4">
                  <Link href={`/stories/${story.slug}`} className="font-semibold" lang={story.language}>
                    {story.title}
                  </Link>
                  <p className="mt-1 break-words text-stone-800" lang={story.language}>
                    {story.trigger}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {mentions.notes.length > 0 ? (
          <section aria-labelledby="mention-notes" className="space-y-3">
            <h2 id="mention-notes" className="text-2xl font-semibold">
              {t("notesHeading")}
            </h2>
            <ul className="space-y-3">
              {mentions.notes.map((note) => (
                <li key={note.id} className="rounded-lg border border-stone-200 bg-white p-4">
                  <p className="break-words text-stone-800" lang={note.language}>
                    {note.note}
                  </p>
                  <p className="mt-1 text-sm text-stone-600">{t("noteBy", { name: note.name })}</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    );
  }

  const groups = await cachedTriggers(locale, { terms: 12, latest: 5 });
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="max-w-3xl text-lg text-stone-700">{t("intro")}</p>
      </header>
      <div className="grid gap-6 lg:grid-cols-2">
        {groups.map((group) => (
          <TriggerGroupView key={group.slug} group={group} headingLevel={2} full />
        ))}
      </div>
    </div>
  );
}
