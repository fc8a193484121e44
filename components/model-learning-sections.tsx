import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import {
  cachedModelOverTime,
  cachedSuggestionAgreement,
  cachedSuggestionEvaluation,
  cachedTriggers,
} from "@/lib/cache/reads";
import type { Locale } from "@/lib/i18n/locales";
import type { TriggerGroup } from "@/lib/model/triggers";
import { ModelOverTimeChart } from "./model-over-time-chart";
import { startingPointColor } from "@/lib/starting-points/color";

/*
 * The model page's sections on what the platform learns from its stories (decision 026): how
 * well the text predicts the tags, the triggers, and the model over time. Server components;
 * each reads its own cached figures.
 */

const cell = "border border-stone-300 p-2 text-right tabular-nums";

export async function SuggestionEvaluationSection({ locale }: { locale: Locale }) {
  const [t, format, evaluation, agreement] = await Promise.all([
    getTranslations("modelLearning"),
    getFormatter(),
    cachedSuggestionEvaluation(locale),
    cachedSuggestionAgreement(),
  ]);
  const tm = await getTranslations("model");
  const number = (value: number | null) =>
    value === null
      ? tm("notAvailable")
      : format.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const baseline = new Map(evaluation.baseline.perStartingPoint.map((c) => [c.slug, c]));
  return (
    <section aria-labelledby="evaluation-heading" className="space-y-4">
      <h2 id="evaluation-heading" className="text-2xl font-semibold">
        {t("evaluationHeading")}
      </h2>
      <p className="max-w-3xl text-stone-700">{t("evaluationIntro", { folds: evaluation.folds || 5 })}</p>
      {evaluation.stories < 2 ? (
        <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-stone-700">
          {t("evaluationTooFew")}
        </p>
      ) : (
        <>
          <p className="font-medium">
            {t("evaluationSummary", {
              stories: evaluation.stories,
              macroF1: number(evaluation.macroF1),
              baselineF1: number(evaluation.baseline.macroF1),
              baseline: evaluation.baseline.slug
                ? (evaluation.names[evaluation.baseline.slug] ?? evaluation.baseline.slug)
                : tm("notAvailable"),
            })}
          </p>
          <div className="overflow-x-auto" tabIndex={0}>
            <table className="min-w-full border-collapse bg-white text-sm">
              <caption className="mb-2 text-left text-stone-600">{t("evaluationCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="border border-stone-300 p-2 text-left">
                    {(await getTranslations("startingPoints"))("startingPoint")}
                  </th>
                  {[t("stories"), t("precision"), t("recall"), t("f1"), t("baselineF1")].map((heading) => (
                    <th key={heading} scope="col" className="border border-stone-300 p-2 text-right">
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {evaluation.perStartingPoint.map((c) => (
                  <tr key={c.slug}>
                    <th scope="row" className="border border-stone-300 p-2 text-left font-medium">
                      {evaluation.names[c.slug] ?? c.slug}
                    </th>
                    <td className={cell}>{c.stories}</td>
                    <td className={cell}>{number(c.precision)}</td>
                    <td className={cell}>{number(c.recall)}</td>
                    <td className={cell}>{number(c.f1)}</td>
                    <td className={cell}>{number(baseline.get(c.slug)?.f1 ?? null)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row" className="border border-stone-300 p-2 text-left font-semibold">
                    {t("macroF1Row")}
                  </th>
                  <td className={cell} />
                  <td className={cell} />
                  <td className={cell} />
                  <td className={`${cell} font-semibold`}>{number(evaluation.macroF1)}</td>
                  <td className={`${cell} font-semibold`}>{number(evaluation.baseline.macroF1)}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="max-w-3xl text-stone-700">
        {agreement.stories === 0
          ? t("agreementNone")
          : t("agreementSentence", {
              percent: format.number(agreement.agreed / agreement.stories, { style: "percent" }),
              agreed: agreement.agreed,
              stories: agreement.stories,
              suggestions: agreement.suggestions,
              taken: agreement.taken,
            })}
      </p>
    </section>
  );
}

/** One starting point's triggers: the words used most, each linking to the triggers that use it, and the latest. */
export async function TriggerGroupView({
  group,
  headingLevel = 3,
  full = false,
}: {
  group: TriggerGroup;
  headingLevel?: 2 | 3;
  full?: boolean;
}) {
  const t = await getTranslations("triggers");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const empty = group.stories + group.notes === 0;
  return (
    <div
      className="min-w-0 space-y-2 rounded-lg border-l-4 bg-white p-4 shadow-sm"
      style={{ borderLeftColor: startingPointColor(group.position) }}
    >
      <Heading className="text-lg font-semibold">
        {group.position}. {group.name}
      </Heading>
      {empty ? (
        <p className="text-sm text-stone-600">{t("empty")}</p>
      ) : (
        <>
          <p className="text-sm text-stone-600">
            {t("fromStories", { count: group.stories })} · {t("fromNotes", { count: group.notes })}
          </p>
          {group.terms.length > 0 ? (
            <>
              <p className="text-sm font-medium text-stone-800">{t("topTerms")}</p>
              <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
                {group.terms.map((term) => (
                  <li key={term.lexeme}>
                    <Link
                      href={`/starting-points/triggers?sp=${encodeURIComponent(group.slug)}&term=${encodeURIComponent(term.lexeme)}`}
                    >
                      {t("termLink", { word: term.word, count: term.count })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {full && group.latestStories.length + group.latestNotes.length > 0 ? (
            <>
              <p className="text-sm font-medium text-stone-800">{t("latest")}</p>
              <ul className="space-y-2 text-sm">
                {group.latestStories.map((story) => (
                  <li key={story.slug} className="break-words">
                    <q lang={story.language}>{story.trigger}</q>{" "}
                    <span className="text-stone-600">
                      (
                      {t.rich("inStory", {
                        title: story.title,
                        link: (chunks) => (
                          <Link href={`/stories/${story.slug}`} lang={story.language}>
                            {chunks}
                          </Link>
                        ),
                      })}
                      )
                    </span>
                  </li>
                ))}
                {group.latestNotes.map((note) => (
                  <li key={note.id} className="break-words">
                    <q lang={note.language}>{note.note}</q>{" "}
                    <span className="text-stone-600">({t("noteBy", { name: note.name })})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}

export async function TriggersSection({ locale }: { locale: Locale }) {
  const [t, groups] = await Promise.all([
    getTranslations("triggers"),
    cachedTriggers(locale, { terms: 6, latest: 0 }),
  ]);
  return (
    <section aria-labelledby="triggers-heading" className="space-y-4">
      <h2 id="triggers-heading" className="text-2xl font-semibold">
        {t("heading")}
      </h2>
      <p className="max-w-3xl text-stone-700">{t("intro")}</p>
      <div className="grid gap-4 md:grid-cols-2">
        {groups.map((group) => (
          <TriggerGroupView key={group.slug} group={group} />
        ))}
      </div>
      <p>
        <Link href="/starting-points/triggers">{t("seeAll")}</Link>
      </p>
    </section>
  );
}

export async function ModelOverTimeSection({ locale }: { locale: Locale }) {
  const [t, tm, format, data] = await Promise.all([
    getTranslations("modelLearning"),
    getTranslations("model"),
    getFormatter(),
    cachedModelOverTime(locale),
  ]);
  return (
    <section aria-labelledby="over-time-heading" className="min-w-0 space-y-4">
      <h2 id="over-time-heading" className="text-2xl font-semibold">
        {t("overTimeHeading")}
      </h2>
      <p className="max-w-3xl text-stone-700">{t("overTimeIntro")}</p>
      <ModelOverTimeChart
        startingPoints={data.startingPoints}
        quarters={data.quarters}
        text={{
          title: t("overTimeTitle"),
          description: t("overTimeDescription"),
          overlapTitle: t("overlapTitle"),
          overlapDescription: t("overlapDescription"),
          caption: t("overTimeCaption"),
          quarterHeading: t("quarter"),
          totalHeading: t("total"),
          bothHeading: t("both13"),
          shareHeading: t("share13"),
          noData: t("noStoriesYet"),
          quarterLabel: (year, quarter) => t("quarterLabel", { year: String(year), quarter }),
          formatShare: (value) =>
            value === null ? tm("notAvailable") : format.number(value, { style: "percent" }),
        }}
      />
    </section>
  );
}
