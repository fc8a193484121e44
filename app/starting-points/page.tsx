import type { Metadata } from "next";
import Link from "next/link";
import { TableBox } from "@/components/table-box";
import { getFormatter, getTranslations } from "next-intl/server";
import { CoOccurrenceHeatMap } from "@/components/co-occurrence-heat-map";
import {
  ModelOverTimeSection,
  SuggestionEvaluationSection,
  TriggersSection,
} from "@/components/model-learning-sections";
import { ProposalForm } from "@/components/proposal-form";
import { startingPointColor } from "@/lib/starting-points/color";
import { currentUser } from "@/lib/auth/session";
import { getReaderLocale } from "@/lib/i18n/server";
import { listProposals, type ProposalSummary } from "@/lib/model/proposals";
import { modelEvidence } from "@/lib/model/evidence";
import { agreement, coOccurrenceMatrix, jaccard, kappaBand, pairOverlaps } from "@/lib/model/statistics";
import { cachedStartingPoints } from "@/lib/cache/reads";
import { ShareEmbed } from "@/components/share-embed";
import { oembedAlternate } from "@/lib/embed/oembed";
import { siteOrigin } from "@/lib/feeds/site-url";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tFeeds, origin] = await Promise.all([
    getTranslations("startingPoints"),
    getTranslations("feeds"),
    siteOrigin(),
  ]);
  return {
    title: t("title"),
    // The layout's feed link, plus the oEmbed discovery link (decision 025).
    alternates: {
      types: {
        "application/atom+xml": [{ url: "/stories/feed.xml", title: tFeeds("allStories") }],
        ...oembedAlternate(`${origin}/starting-points`, t("title")),
      },
    },
  };
}

export default async function StartingPointsPage() {
  const locale = await getReaderLocale();
  const [t, tm, format, startingPoints, evidence, proposals, user] = await Promise.all([
    getTranslations("startingPoints"),
    getTranslations("model"),
    getFormatter(),
    cachedStartingPoints(locale),
    modelEvidence(locale),
    listProposals(),
    currentUser(),
  ]);

  const slugs = evidence.startingPoints.map((sp) => sp.slug);
  const counts = coOccurrenceMatrix(slugs, evidence.stories);
  const overlaps = slugs.map((_, i) => slugs.map((__, j) => (i === j ? null : jaccard(counts, i, j))));
  const agreed = agreement(slugs, evidence.stories);
  // Pairs that occur together at all, most frequent first, each linking to its intersection page.
  const pairs = pairOverlaps(slugs, counts)
    .filter((pair) => pair.both > 0)
    .sort((x, y) => y.both - x.both);
  const number = (value: number | null, digits = 2) =>
    value === null
      ? tm("notAvailable")
      : format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const percent = (value: number | null) =>
    value === null ? tm("notAvailable") : format.number(value, { style: "percent" });
  const nameOf = new Map(evidence.startingPoints.map((sp) => [sp.slug, sp.name]));
  const [first, third] = [0, 2];
  const open = proposals.filter((p) => p.status === "open");
  const decided = proposals.filter((p) => p.status !== "open");

  return (
    <PageMessages page="app/starting-points/page.tsx">
      <div className="space-y-12">
        <header className="space-y-3">
          <h1 className="text-3xl font-bold">{t("title")}</h1>
          <p className="max-w-3xl text-lg text-stone-700">{t("intro")}</p>
          <ShareEmbed target={{ kind: "model", lang: null }} />
        </header>

        <ol className="space-y-6">
          {startingPoints.map((sp) => (
            <li
              key={sp.slug}
              className="rounded-lg border-l-4 bg-white p-5 shadow-sm"
              style={{ borderLeftColor: startingPointColor(sp.position) }}
            >
              <h2 className="text-xl font-semibold">
                <span className="mr-2" style={{ color: startingPointColor(sp.position) }}>
                  {sp.position}.
                </span>{" "}
                <Link
                  href={`/starting-points/${sp.slug}`}
                  className="text-stone-900 no-underline hover:underline"
                >
                  {sp.name}
                </Link>
              </h2>
              <p className="mt-1 font-medium text-stone-700">{sp.tagline}</p>
              <p className="mt-2 text-stone-800">{sp.description}</p>
              <p className="mt-2 text-sm text-stone-600">
                <Link href={`/starting-points/${sp.slug}`}>{t("storyCount", { count: sp.storyCount })}</Link>
              </p>
            </li>
          ))}
        </ol>

        <section aria-labelledby="questions-heading" className="rounded-lg bg-brand-50 p-6">
          <h2 id="questions-heading" className="text-xl font-semibold">
            {t("questionsHeading")}
          </h2>
          <ol className="mt-3 list-decimal space-y-1 pl-6">
            <li>{t("question1")}</li>
            <li>{t("question2")}</li>
            <li>{t("question3")}</li>
          </ol>
        </section>

        <section aria-labelledby="evidence-heading" className="space-y-4">
          <h2 id="evidence-heading" className="text-2xl font-semibold">
            {tm("evidenceHeading")}
          </h2>
          <p className="text-stone-700">{tm("evidenceIntro")}</p>
          <TableBox id="evidence-caption" caption={tm("evidenceCaption")}>
            <table aria-labelledby="evidence-caption" className="min-w-full border-collapse bg-white text-sm">
              <thead>
                <tr>
                  <th scope="col" className="border border-stone-300 p-2 text-left">
                    {t("startingPoint")}
                  </th>
                  <th scope="col" className="border border-stone-300 p-2 text-right">
                    {tm("taggedStories")}
                  </th>
                  <th scope="col" className="border border-stone-300 p-2 text-right">
                    {tm("readerRecognitions")}
                  </th>
                  <th scope="col" className="border border-stone-300 p-2 text-right">
                    {tm("organisationRecognitions")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {evidence.startingPoints.map((sp) => (
                  <tr key={sp.slug}>
                    <th scope="row" className="border border-stone-300 p-2 text-left font-medium">
                      {sp.position}. <Link href={`/starting-points/${sp.slug}`}>{sp.name}</Link>
                    </th>
                    <td className="border border-stone-300 p-2 text-right tabular-nums">
                      {sp.taggedStories}
                    </td>
                    <td className="border border-stone-300 p-2 text-right tabular-nums">
                      {sp.readerRecognitions}
                    </td>
                    <td className="border border-stone-300 p-2 text-right tabular-nums">
                      {sp.organisationRecognitions}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </section>

        <section aria-labelledby="overlap-heading" className="space-y-4">
          <h2 id="overlap-heading" className="text-2xl font-semibold">
            {t("coOccurrenceHeading")}
          </h2>
          <p className="max-w-3xl text-stone-700">{t("overlapNote")}</p>
          {slugs.length > third ? (
            <p className="font-medium">
              {tm("pairOneThree", { both: counts[first][third], overlap: number(overlaps[first][third]) })}
            </p>
          ) : null}
          <CoOccurrenceHeatMap
            labels={evidence.startingPoints.map((sp) => ({
              slug: sp.slug,
              name: sp.name,
              position: sp.position,
            }))}
            counts={counts}
            jaccard={overlaps}
            idPrefix="co-occurrence"
            text={{
              title: t("coOccurrenceHeading"),
              description: tm("heatMapDescription"),
              caption: t("coOccurrenceCaption"),
              cellLabel: (a, b, count, overlap) =>
                tm("cellLabel", {
                  a,
                  b,
                  count,
                  overlap: overlap === null ? tm("overlapNone") : number(overlap),
                }),
              diagonalLabel: (a, count) => tm("diagonalLabel", { a, count }),
              overlapHeading: tm("overlapHeading"),
              noData: tm("noCoOccurrence"),
              keyLabel: tm("numberKey"),
              colorLegendLabel: tm("colorLegend"),
              formatOverlap: (value) => number(value),
            }}
          />
          <p className="max-w-3xl text-sm text-stone-600">{tm("overlapExplained")}</p>
          {pairs.length > 0 ? (
            <div className="space-y-2">
              <h3 className="text-lg font-semibold">{t("pairsHeading")}</h3>
              <ul className="flex flex-wrap gap-x-6 gap-y-1">
                {pairs.map((pair) => (
                  <li key={`${pair.a}+${pair.b}`}>
                    <Link href={`/starting-points/${pair.a}+${pair.b}`}>
                      {t("pairLink", {
                        a: nameOf.get(pair.a) ?? pair.a,
                        b: nameOf.get(pair.b) ?? pair.b,
                        count: pair.both,
                      })}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>

        <section aria-labelledby="agreement-heading" className="space-y-4">
          <h2 id="agreement-heading" className="text-2xl font-semibold">
            {tm("agreementHeading")}
          </h2>
          <p className="max-w-3xl text-stone-700">{tm("agreementExplained")}</p>
          {agreed.overall.rated === 0 ? (
            <p className="rounded border border-dashed border-stone-300 bg-white p-4 text-stone-700">
              {tm("agreementNoData")}
            </p>
          ) : (
            <>
              <p className="font-medium">
                {tm("overallKappa", {
                  kappa: number(agreed.overall.kappa),
                  band:
                    agreed.overall.kappa === null
                      ? tm("notAvailable")
                      : tm(`bands.${kappaBand(agreed.overall.kappa)}`),
                  rated: agreed.overall.rated,
                  observed: percent(agreed.overall.observed),
                })}
              </p>
              <TableBox id="agreement-caption" caption={tm("agreementCaption")}>
                <table
                  aria-labelledby="agreement-caption"
                  className="min-w-full border-collapse bg-white text-sm"
                >
                  <thead>
                    <tr>
                      {[
                        t("startingPoint"),
                        tm("ratedStories"),
                        tm("bothSay"),
                        tm("authorOnly"),
                        tm("readersOnly"),
                        tm("agreementShare"),
                        tm("kappa"),
                      ].map((heading, i) => (
                        <th
                          key={heading}
                          scope="col"
                          className={`border border-stone-300 p-2 ${i === 0 ? "text-left" : "text-right"}`}
                        >
                          {heading}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {agreed.perStartingPoint.map((cell) => (
                      <tr key={cell.slug}>
                        <th scope="row" className="border border-stone-300 p-2 text-left font-medium">
                          {nameOf.get(cell.slug)}
                        </th>
                        <td className="border border-stone-300 p-2 text-right tabular-nums">{cell.rated}</td>
                        <td className="border border-stone-300 p-2 text-right tabular-nums">{cell.both}</td>
                        <td className="border border-stone-300 p-2 text-right tabular-nums">
                          {cell.authorOnly}
                        </td>
                        <td className="border border-stone-300 p-2 text-right tabular-nums">
                          {cell.readersOnly}
                        </td>
                        <td className="border border-stone-300 p-2 text-right tabular-nums">
                          {percent(cell.observed)}
                        </td>
                        <td className="border border-stone-300 p-2 text-right tabular-nums">
                          {number(cell.kappa)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableBox>
            </>
          )}
        </section>

        <TriggersSection locale={locale} />

        <ModelOverTimeSection locale={locale} />

        <SuggestionEvaluationSection locale={locale} />

        <section aria-labelledby="proposals-heading" className="space-y-6">
          <div className="space-y-2">
            <h2 id="proposals-heading" className="text-2xl font-semibold">
              {tm("proposalsHeading")}
            </h2>
            <p className="max-w-3xl text-stone-700">{tm("proposalsIntro")}</p>
          </div>
          <div className="grid gap-8 lg:grid-cols-2">
            <div className="space-y-6">
              <ProposalList heading={tm("openProposals")} empty={tm("noOpenProposals")} proposals={open} />
              <ProposalList
                heading={tm("decidedProposals")}
                empty={tm("noDecidedProposals")}
                proposals={decided}
              />
            </div>
            <div id="propose" className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
              <h3 className="text-lg font-semibold">{tm("proposeHeading")}</h3>
              {user ? (
                <ProposalForm />
              ) : (
                <p>
                  <Link href="/signin?callbackUrl=%2Fstarting-points%23propose">{tm("signInToPropose")}</Link>
                </p>
              )}
            </div>
          </div>
        </section>

        <section aria-labelledby="export-heading" className="space-y-2">
          <h2 id="export-heading" className="text-2xl font-semibold">
            {tm("exportHeading")}
          </h2>
          <p className="max-w-3xl text-stone-700">{tm("exportIntro")}</p>
          <p className="flex gap-4">
            <a href="/starting-points/export.csv" download>
              {tm("exportCsv")}
            </a>
            <a href="/starting-points/export.json" download>
              {tm("exportJson")}
            </a>
          </p>
        </section>
      </div>
    </PageMessages>
  );
}

async function ProposalList({
  heading,
  empty,
  proposals,
}: {
  heading: string;
  empty: string;
  proposals: ProposalSummary[];
}) {
  const tm = await getTranslations("model");
  return (
    <div className="space-y-2">
      <h3 className="text-lg font-semibold">{heading}</h3>
      {proposals.length === 0 ? (
        <p className="text-stone-600">{empty}</p>
      ) : (
        <ul className="space-y-2">
          {proposals.map((proposal) => (
            <li key={proposal.id} className="rounded border border-stone-200 bg-white p-3">
              <Link href={`/starting-points/proposals/${proposal.id}`} className="font-medium">
                {proposal.name}
              </Link>
              <p className="text-sm text-stone-600">
                {tm(`status.${proposal.status}`)} · {tm("supportCount", { count: proposal.supportCount })}
                {proposal.proposer ? ` · ${tm("proposedBy", { name: proposal.proposer.name })}` : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
