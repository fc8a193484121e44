import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { PendingButton } from "@/components/forms/pending-button";
import { Pagination } from "@/components/pagination";
import { StoryList } from "@/components/story-list";
import { canReport } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { signOutEverywhereAction } from "@/lib/members/actions";
import { getReaderLocale } from "@/lib/i18n/server";
import { getMemberByHandle } from "@/lib/members/queries";
import { listDrafts, listPublishedStories } from "@/lib/stories/queries";
import { first } from "@/lib/stories/search-params";

// Metadata and page share one load per request.
const loadMember = cache(getMemberByHandle);

type Props = { params: Promise<{ handle: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const member = await loadMember((await params).handle);
  if (!member) return {};
  const tFeeds = await getTranslations("feeds");
  return {
    title: member.name,
    alternates: {
      canonical: `/members/${member.handle}`,
      types: { "application/atom+xml": [{ url: `/members/${member.handle}/feed.xml`, title: tFeeds("member", { name: member.name }) }] },
    },
  };
}

export default async function MemberPage({ params, searchParams }: Props) {
  const { handle } = await params;
  const query = await searchParams;
  const member = await loadMember(handle);
  if (!member) notFound();
  const [locale, user] = await Promise.all([getReaderLocale(), currentUser()]);
  const own = user?.id === member.id;
  const [t, tAuth, format, stories, drafts] = await Promise.all([
    getTranslations("members"),
    getTranslations("auth"),
    getFormatter(),
    listPublishedStories({ filters: { authorId: member.id }, after: first(query.after) ?? null, before: first(query.before) ?? null, locale }),
    own ? listDrafts({ authorId: member.id, locale }) : Promise.resolve(null),
  ]);

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-3xl font-bold">{member.name}</h1>
        <p className="text-stone-600">
          @{member.handle} · {t("memberSince", { date: format.dateTime(member.createdAt, { dateStyle: "long" }) })}
        </p>
        {user && canReport(user, { type: "member", userId: member.id, state: "active" }) ? (
          <p className="text-sm">
            <Link href={`/report/member/${member.id}`} rel="nofollow">
              {t("report")}
            </Link>
          </p>
        ) : null}
      </header>

      {drafts ? (
        <section aria-labelledby="drafts-heading" className="space-y-4">
          <h2 id="drafts-heading" className="text-2xl font-semibold">
            {t("drafts")}
          </h2>
          {drafts.length > 0 ? <StoryList stories={drafts} /> : <p className="text-stone-600">{t("noDrafts")}</p>}
        </section>
      ) : null}

      <section aria-labelledby="member-stories-heading" className="space-y-4">
        <h2 id="member-stories-heading" className="text-2xl font-semibold">
          {t("stories")}
        </h2>
        {stories.items.length > 0 ? <StoryList stories={stories.items} /> : <p className="text-stone-600">{t("noStories")}</p>}
        <Pagination basePath={`/members/${member.handle}`} params={new URLSearchParams()} newer={stories.newer} older={stories.older} />
      </section>

      {own ? (
        <section aria-labelledby="sessions-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-5">
          <h2 id="sessions-heading" className="text-lg font-semibold">
            {tAuth("signOutEverywhere")}
          </h2>
          <p className="text-sm text-stone-700">{tAuth("signOutEverywhereHint")}</p>
          <form action={signOutEverywhereAction}>
            <PendingButton className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">{tAuth("signOutEverywhere")}</PendingButton>
          </form>
        </section>
      ) : null}
    </div>
  );
}
