import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { TranslationForm } from "@/components/translation-form";
import { canEditStory, canViewStory } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getReaderLocale } from "@/lib/i18n/server";
import { getStoryBySlug } from "@/lib/stories/story";
import { saveTranslationAction } from "@/lib/stories/translation-actions";
import { getTranslation, translationLanguageOf } from "@/lib/stories/translations";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("translations");
  // A private form: nothing for search engines.
  return { title: t("pageTitle"), robots: { index: false } };
}

/** The author writes (or edits) their story in the other language (decision 030). */
export default async function TranslateStoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/stories/${slug}/translate`);
  const locale = await getReaderLocale();
  // The current text, never the cache: the form saves against the current version.
  const story = await getStoryBySlug(slug, locale);
  if (!story || !canViewStory(user, story) || !canEditStory(user, story)) notFound();
  const language = translationLanguageOf(story.language);
  const [t, tLanguages, existing] = await Promise.all([
    getTranslations("translations"),
    getTranslations("languages"),
    getTranslation(story.id, language),
  ]);

  return (
    <PageMessages page="app/stories/[slug]/translate/page.tsx">
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-3xl font-bold">{t("heading", { language: tLanguages(language) })}</h1>
        <p className="text-stone-700">
          {t("intro", { from: tLanguages(story.language), to: tLanguages(language) })}
        </p>
        <details className="rounded-lg border border-stone-200 bg-white p-4">
          <summary className="cursor-pointer font-medium">
            {t("original", { language: tLanguages(story.language) })}
          </summary>
          <div className="mt-3 space-y-3" lang={story.language}>
            <p className="text-xl font-semibold">{story.title}</p>
            {story.summary ? <p className="text-stone-800">{story.summary}</p> : null}
            <Markdown source={story.body} lang={story.language} />
            {story.trigger ? <p className="text-stone-800">{story.trigger}</p> : null}
          </div>
        </details>
        <TranslationForm
          action={saveTranslationAction}
          story={{ id: story.id, slug: story.slug, language, version: existing?.version ?? 0 }}
          initial={
            existing
              ? {
                  title: existing.title,
                  summary: existing.summary,
                  body: existing.body,
                  trigger: existing.trigger,
                }
              : { title: "", summary: "", body: "", trigger: "" }
          }
        />
        <p>
          <Link href={`/stories/${story.slug}`}>{t("backToStory")}</Link>
        </p>
      </div>
    </PageMessages>
  );
}
