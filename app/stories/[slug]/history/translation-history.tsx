import { getTranslations } from "next-intl/server";
import { Markdown } from "@/components/markdown";
import { translationHistory } from "@/lib/stories/translations";
import { SavedBy } from "./saved-by";

/** Every saved version of the story's translations, each with its text to read (decision 030). */
export async function TranslationHistory({ storyId }: { storyId: string }) {
  const [t, tLanguages, entries] = await Promise.all([
    getTranslations("translations"),
    getTranslations("languages"),
    translationHistory(storyId),
  ]);
  return (
    <section aria-labelledby="translation-history-heading" className="space-y-4">
      <h2 id="translation-history-heading" className="text-2xl font-semibold">
        {t("historyHeading")}
      </h2>
      {entries.length === 0 ? (
        <p className="text-stone-600">{t("noTranslations")}</p>
      ) : (
        <>
          <p className="text-stone-700">{t("historyIntro")}</p>
          <ol className="space-y-4">
            {entries.map((entry) => (
              <li
                key={`${entry.language}-${entry.version}`}
                className="space-y-2 rounded-lg border border-stone-200 bg-white p-4"
              >
                <h3 className="text-lg font-semibold">
                  {t("historyEntry", { language: tLanguages(entry.language), version: entry.version })}
                  {entry.current ? (
                    <span className="ml-2 rounded bg-stone-700 px-2 py-0.5 text-sm font-medium text-white">
                      {t("current")}
                    </span>
                  ) : null}
                </h3>
                <SavedBy entry={entry} />
                <details>
                  <summary className="cursor-pointer">{entry.title}</summary>
                  <div className="mt-2 space-y-2" lang={entry.language}>
                    {entry.summary ? <p className="text-stone-800">{entry.summary}</p> : null}
                    <Markdown source={entry.body} lang={entry.language} />
                    {entry.trigger ? <p className="text-stone-800">{entry.trigger}</p> : null}
                  </div>
                </details>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
