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
import { getMemberProfile, listMemberComments } from "@/lib/members/account";
import { listDrafts, listPublishedStories } from "@/lib/stories/listing";
import { first } from "@/lib/stories/search-params";

// Metadata and page share one load per request.
const loadMember = cache(getMemberProfile);

type Props = {
  params: Promise<{ handle: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const member = await loadMember((await params).handle);
  if (!member) return {};
  const tFeeds = await getTranslations("feeds");
  return {
    title: member.name,
    alternates: {
      canonical: `/members/${member.handle}`,
      types: {
        "application/atom+xml": [
          { url: `/members/${member.handle}/feed.xml`, title: tFeeds("member", { name: member.name }) },
        ],
      },
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
  const commentsAfter = first(query.comments) ?? null;
  const [t, tAuth, format, stories, drafts, memberComments] = await Promise.all([
    getTranslations("members"),
    getTranslations("auth"),
    getFormatter(),
    listPublishedStories({
      filters: { authorId: member.id },
      after: first(query.after) ?? null,
      before: first(query.before) ?? null,
      locale,
    }),
    own ? listDrafts({ authorId: member.id, locale }) : Promise.resolve(null),
    listMemberComments({ userId: member.id, after: commentsAfter }),
  ]);

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-3xl font-bold">{member.name}</h1>
        <p className="text-stone-600">
          @{member.handle} ·{" "}
          {t("memberSince", { date: format.dateTime(member.createdAt, { dateStyle: "long" }) })}
        </p>
        {member.organisation ? <p className="text-stone-800">{member.organisation}</p> : null}
        {/* Plain text: React escapes it, and the line breaks the member typed are kept. */}
        {member.bio ? (
          <p className="max-w-prose whitespace-pre-line pt-2 text-stone-800">{member.bio}</p>
        ) : null}
        {member.website ? (
          <p className="pt-1">
            {/* Stored only as an http(s) address (lib/members/schema.ts); the member chose it, so no endorsement. */}
            <a href={member.website} rel="nofollow ugc noopener">
              {displayWebsite(member.website)}
            </a>
          </p>
        ) : null}
        {own ? (
          <p className="pt-1 text-sm">
            <Link href="/settings/profile">{t("editProfile")}</Link>
          </p>
        ) : null}
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
          {drafts.length > 0 ? (
            <StoryList stories={drafts} />
          ) : (
            <p className="text-stone-600">{t("noDrafts")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="member-stories-heading" className="space-y-4">
        <h2 id="member-stories-heading" className="text-2xl font-semibold">
          {t("stories")}
        </h2>
        {stories.items.length > 0 ? (
          <StoryList stories={stories.items} />
        ) : (
          <p className="text-stone-600">{t("noStories")}</p>
        )}
        <Pagination
          basePath={`/members/${member.handle}`}
          params={new URLSearchParams()}
          newer={stories.newer}
          older={stories.older}
        />
      </section>

      <section aria-labelledby="member-comments-heading" className="space-y-4">
        <h2 id="member-comments-heading" className="text-2xl font-semibold">
          {t("comments")}
        </h2>
        {memberComments.items.length > 0 ? (
          <ol className="space-y-3">
            {memberComments.items.map((comment) => (
              <li key={comment.id} className="rounded border border-stone-200 bg-white p-4">
                <p className="text-sm text-stone-600">
                  {t.rich("commentOn", {
                    story: comment.storyTitle,
                    link: (chunks) => <Link href={comment.href}>{chunks}</Link>,
                  })}
                  {" · "}
                  <time dateTime={comment.createdAt.toISOString()}>
                    {format.dateTime(comment.createdAt, { dateStyle: "long" })}
                  </time>
                </p>
                <p className="mt-1 text-stone-800">{comment.excerpt}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-stone-600">{commentsAfter ? t("noMoreComments") : t("noComments")}</p>
        )}
        {memberComments.older ? (
          <p>
            <Link
              href={`/members/${member.handle}?comments=${encodeURIComponent(memberComments.older)}#member-comments-heading`}
            >
              {t("olderComments")}
            </Link>
          </p>
        ) : null}
      </section>

      {own ? (
        <section
          aria-labelledby="sessions-heading"
          className="space-y-2 rounded-lg border border-stone-200 bg-white p-5"
        >
          <h2 id="sessions-heading" className="text-lg font-semibold">
            {tAuth("signOutEverywhere")}
          </h2>
          <p className="text-sm text-stone-700">{tAuth("signOutEverywhereHint")}</p>
          <form action={signOutEverywhereAction}>
            <PendingButton className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100">
              {tAuth("signOutEverywhere")}
            </PendingButton>
          </form>
        </section>
      ) : null}
    </div>
  );
}

/** The address without its scheme and trailing slash, as people write it. */
function displayWebsite(url: string): string {
  return url.replace(/^https?:\/\//, "").replace(/\/$/, "");
}
