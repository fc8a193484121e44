import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ModerationDecisionForm } from "@/components/moderation-decision-form";
import { canDecide, isModerator } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { applicableDecisions, type Target } from "@/lib/moderation/targets";
import { pendingStories, reviewQueue, type MemberHistory } from "@/lib/moderation/queue";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("moderation");
  return { title: t("queueTitle"), robots: { index: false } };
}

export default async function ModerationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/moderation");
  // For everyone else the page does not exist.
  if (!isModerator(user)) notFound();
  const done = (await searchParams).done === "1";
  const [t, format, queue, pending] = await Promise.all([
    getTranslations("moderation"),
    getFormatter(),
    reviewQueue(),
    pendingStories(),
  ]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });

  const Author = ({
    author,
  }: {
    author: { name: string; handle: string; history: MemberHistory } | null;
  }) => {
    if (!author)
      return (
        <p className="text-sm text-stone-600">
          {t("authorLabel")}: {t("formerMember")}
        </p>
      );
    const earlier = Object.entries(author.history.actions).map(
      ([action, n]) => `${t(`action_${action}`)} ×${n}`,
    );
    return (
      <PageMessages page="app/moderation/page.tsx">
        <div className="text-sm text-stone-700">
          <p>
            {t("authorLabel")}: <a href={`/members/${author.handle}`}>{author.name}</a> (@{author.handle})
          </p>
          <p>
            {t("history", {
              date: day(author.history.memberSince),
              stories: author.history.stories,
              comments: author.history.comments,
            })}
          </p>
          <p>{earlier.length ? t("historyActions", { list: earlier.join(", ") }) : t("historyNone")}</p>
        </div>
      </PageMessages>
    );
  };

  // Only the decisions this moderator may make (lib/auth/permissions.ts `canDecide`); the action checks again.
  const Decide = ({ target }: { target: Target }) => {
    if (target.userId === user.id) return <p className="text-sm">{t("ownContent")}</p>;
    const decisions = applicableDecisions(target).filter((decision) => canDecide(user, target, decision));
    if (decisions.length === 0) return <p className="text-sm">{t("outOfReach")}</p>;
    return <ModerationDecisionForm targetType={target.type} targetId={target.id} decisions={decisions} />;
  };

  const Content = ({ target }: { target: Target }) => (
    <div className="space-y-1">
      <p className="font-medium">
        {t(`logTarget_${target.type}`, { label: target.label })} ·{" "}
        <span className="text-stone-600">{t("state", { state: t(`state_${target.state}`) })}</span>
      </p>
      <blockquote className="whitespace-pre-line border-l-4 border-stone-300 pl-3 text-stone-800">
        {target.excerpt}
      </blockquote>
      {target.state !== "deleted" ? (
        <a href={target.url} className="text-sm">
          {t("open")}
        </a>
      ) : null}
    </div>
  );

  return (
    <PageMessages page="app/moderation/page.tsx">
      <div className="space-y-10">
        <header className="space-y-2">
          <h1 className="text-3xl font-bold">{t("queueTitle")}</h1>
          <p className="text-stone-700">{t("queueIntro")}</p>
          {done ? (
            <p role="status" className="rounded border border-green-700 bg-green-50 p-3">
              {t("done")}
            </p>
          ) : null}
        </header>

        <section aria-labelledby="pending-heading" className="space-y-4">
          <h2 id="pending-heading" className="text-xl font-semibold">
            {t("pendingTitle")}
          </h2>
          {pending.length === 0 ? <p className="text-stone-600">{t("noPending")}</p> : null}
          <ul className="space-y-4">
            {pending.map((item) => (
              <li key={item.target.id} className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
                <Content target={item.target} />
                <p className="text-sm text-stone-600">{t("submittedOn", { date: day(item.submittedAt) })}</p>
                <Author author={item.author} />
                <Decide target={item.target} />
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="reports-heading" className="space-y-4">
          <h2 id="reports-heading" className="text-xl font-semibold">
            {t("reportsTitle")}
          </h2>
          {queue.length === 0 ? <p className="text-stone-600">{t("noReports")}</p> : null}
          <ul className="space-y-4">
            {queue.map((item) => (
              <li
                key={`${item.target.type}:${item.target.id}`}
                className="space-y-3 rounded-lg border border-stone-200 bg-white p-5"
              >
                <Content target={item.target} />
                <p className="text-sm font-medium text-red-800">
                  {t("reporters", { count: item.reporters })} ·{" "}
                  {t("reportedOn", { date: day(item.firstReportedAt) })}
                </p>
                <p className="text-sm">
                  {item.reasons
                    .map((r) => t("reasonCount", { reason: t(`reason_${r.reason}`), count: r.count }))
                    .join(" · ")}
                </p>
                {item.notes.length > 0 ? (
                  <div className="text-sm">
                    <p className="font-medium">{t("notesLabel")}</p>
                    <ul className="list-disc pl-5">
                      {item.notes.map((note, i) => (
                        <li key={i} className="whitespace-pre-line">
                          {t(`reason_${note.reason}`)}: {note.note}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <Author author={item.author} />
                <Decide target={item.target} />
              </li>
            ))}
          </ul>
        </section>
      </div>
    </PageMessages>
  );
}
