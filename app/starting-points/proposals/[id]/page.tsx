import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { DecisionForm } from "@/components/decision-form";
import { PendingButton } from "@/components/forms/pending-button";
import { ProposalCommentForm } from "@/components/proposal-comment-form";
import { canDecideProposal, canSupportProposal } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { getReaderLocale } from "@/lib/i18n/server";
import { setProposalSupportAction } from "@/lib/model/actions";
import { getProposal, listProposalComments } from "@/lib/model/proposals";
import { listStartingPointOptions } from "@/lib/starting-points/queries";
import { renderMarkdown } from "@/lib/markdown/render";
import { PageMessages } from "@/components/page-messages";

type Props = { params: Promise<{ id: string }> };

// Metadata and page share one load per request.
const loadProposal = cache(async (id: string) => {
  const [user, locale] = await Promise.all([currentUser(), getReaderLocale()]);
  // Proposal ids are UUIDs: anything else is a 404 without a query.
  const proposal = /^[0-9a-f-]{36}$/.test(id)
    ? await getProposal({ id, userId: user?.id ?? null, locale })
    : null;
  if (!proposal) notFound();
  return { proposal, user, locale };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { proposal } = await loadProposal((await params).id);
  return { title: proposal.name };
}

export default async function ProposalPage({ params }: Props) {
  const { proposal, user, locale } = await loadProposal((await params).id);
  const [tm, tc, format, comments, options] = await Promise.all([
    getTranslations("model"),
    getTranslations("comments"),
    getFormatter(),
    listProposalComments(proposal.id),
    listStartingPointOptions(locale),
  ]);
  const mayDecide = canDecideProposal(user, proposal);

  return (
    <PageMessages page="app/starting-points/proposals/[id]/page.tsx">
      <article className="mx-auto max-w-3xl space-y-8">
        <p>
          <Link href="/starting-points">← {tm("backToModel")}</Link>
        </p>
        <header className="space-y-2">
          <p className="text-sm font-semibold uppercase tracking-wide text-stone-600">
            {tm(`status.${proposal.status}`)}
          </p>
          <h1 className="text-3xl font-bold">{tm("proposalTitle", { name: proposal.name })}</h1>
          <p className="text-stone-600">
            {proposal.proposer ? <>{tm("proposedBy", { name: proposal.proposer.name })} · </> : null}
            <time dateTime={proposal.createdAt.toISOString()}>
              {format.dateTime(proposal.createdAt, { dateStyle: "long" })}
            </time>{" "}
            · <span data-testid="support-count">{tm("supportCount", { count: proposal.supportCount })}</span>
          </p>
        </header>

        <p className="whitespace-pre-line text-lg text-stone-800">{proposal.explanation}</p>

        {proposal.status !== "open" ? (
          <section
            aria-labelledby="outcome-heading"
            className="rounded-lg border border-stone-300 bg-white p-5"
          >
            <h2 id="outcome-heading" className="text-lg font-semibold">
              {proposal.status === "accepted" && proposal.resulting
                ? tm("outcomeAccepted", { name: proposal.resulting.name })
                : proposal.status === "merged" && proposal.resulting
                  ? tm("outcomeMerged", { name: proposal.resulting.name })
                  : tm("outcomeDeclined")}
            </h2>
            {proposal.resulting ? (
              <p className="mt-1">
                <Link href={`/starting-points/${proposal.resulting.slug}`}>{proposal.resulting.name}</Link>
              </p>
            ) : null}
            {proposal.decisionReason ? (
              <p className="mt-2 text-stone-700">
                <strong>{tm("reason")}:</strong> {proposal.decisionReason}
              </p>
            ) : null}
          </section>
        ) : null}

        {proposal.stories.length > 0 ? (
          <section aria-labelledby="linked-heading" className="space-y-2">
            <h2 id="linked-heading" className="text-xl font-semibold">
              {tm("linkedStories")}
            </h2>
            <ul className="list-disc pl-6">
              {proposal.stories.map((story) => (
                <li key={story.slug}>
                  <Link href={`/stories/${story.slug}`}>{story.title}</Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {!user ? (
          <p>
            <Link
              href={`/signin?callbackUrl=${encodeURIComponent(`/starting-points/proposals/${proposal.id}`)}`}
            >
              {tm("signInToSupport")}
            </Link>
          </p>
        ) : user.id === proposal.proposerId ? (
          <p className="text-stone-700">{tm("yourProposal")}</p>
        ) : canSupportProposal(user, proposal) ? (
          <form action={setProposalSupportAction} className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="proposalId" value={proposal.id} />
            <input type="hidden" name="supported" value={proposal.supportedByMe ? "false" : "true"} />
            {proposal.supportedByMe ? (
              <span className="font-medium text-brand-700">✓ {tm("youSupport")}</span>
            ) : null}
            <PendingButton
              className={
                proposal.supportedByMe
                  ? "rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
                  : "rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
              }
            >
              {proposal.supportedByMe ? tm("withdrawSupport") : tm("support")}
            </PendingButton>
          </form>
        ) : null}

        {mayDecide ? (
          <section
            aria-labelledby="decide-heading"
            className="space-y-3 rounded-lg border-2 border-amber-300 bg-amber-50 p-5"
          >
            <h2 id="decide-heading" className="text-xl font-semibold">
              {tm("decideHeading")}
            </h2>
            <DecisionForm
              proposalId={proposal.id}
              proposalName={proposal.name}
              proposalExplanation={proposal.explanation}
              startingPoints={options}
            />
          </section>
        ) : null}

        <section className="space-y-4">
          <h2 className="text-xl font-semibold">
            {tm("discussionHeading", { count: proposal.commentCount })}
          </h2>
          {comments.length === 0 ? <p className="text-stone-600">{tc("empty")}</p> : null}
          <ol className="space-y-3">
            {comments.map((comment) => (
              <li key={comment.id} className="rounded border border-stone-200 bg-white p-4">
                <p className="text-sm text-stone-600">
                  {comment.author ? (
                    <Link href={`/members/${comment.author.handle}`}>{comment.author.name}</Link>
                  ) : null}{" "}
                  ·{" "}
                  <time dateTime={comment.createdAt.toISOString()}>
                    {format.dateTime(comment.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                </p>
                <div
                  className="prose mt-2"
                  dangerouslySetInnerHTML={{ __html: renderMarkdown(comment.body, "comment") }}
                />
              </li>
            ))}
          </ol>
          {user ? <ProposalCommentForm proposalId={proposal.id} /> : null}
        </section>
      </article>
    </PageMessages>
  );
}
