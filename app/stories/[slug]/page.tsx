import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { LazyCommentForm } from "@/components/lazy-comment-form";
import { CommentList, type CommentThreadView } from "@/components/comment-list";
import { ConversationClosedNote, ConversationControls } from "@/components/conversation-controls";
import { UsefulButton } from "@/components/useful-button";
import { FollowButton } from "@/components/follow-button";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Markdown } from "@/components/markdown";
import { RecognitionPanel } from "@/components/recognition-panel";
import { RelatedStories } from "@/components/related-stories";
import { StartingPointTags } from "@/components/starting-point-tags";
import {
  canCloseComments,
  canComment,
  canLockThread,
  canMarkUseful,
  commentsClosedReason,
  canEditStory,
  canSeeHistory,
  canRecogniseStory,
  canReport,
  canViewStory,
} from "@/lib/auth/permissions";
import { currentUser } from "@/lib/auth/session";
import { postCommentAction } from "@/lib/comments/actions";
import {
  cachedComments,
  cachedPublicConversation,
  cachedPublicRecognitions,
  cachedRelatedStories,
  cachedStory,
  type RenderedComment,
} from "@/lib/cache/reads";
import {
  commentsMarkedUseful,
  storyConversation,
  type AnsweredComment,
  type CommentView,
} from "@/lib/comments/queries";
import { commentItemView, type CommentReader } from "@/lib/comments/view";
import { getReaderLocale } from "@/lib/i18n/server";
import { newIdempotencyKey } from "@/lib/idempotency";
import { storyRecognitionSummary } from "@/lib/model/recognition";
import { isFollowingStory } from "@/lib/notifications/queries";
import { ShareEmbed } from "@/components/share-embed";
import { oembedAlternate } from "@/lib/embed/oembed";
import { siteOrigin } from "@/lib/feeds/site-url";
import { shareMetadata } from "@/lib/share/metadata";
import { deleteStoryAction, publishDraftAction } from "@/lib/stories/actions";
import { PendingButton } from "@/components/forms/pending-button";
import { first } from "@/lib/stories/search-params";
import { chooseVersion, versionPath } from "@/lib/stories/reading";
import { cachedTranslations } from "@/lib/stories/translation-reads";
import { PageMessages } from "@/components/page-messages";
import { StoryStatusNotice } from "@/components/story-status-notice";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Metadata and page share one load per request.
const loadVisibleStory = cache(async (slug: string) => {
  const [user, locale] = await Promise.all([currentUser(), getReaderLocale()]);
  const story = await cachedStory(slug, locale);
  // A draft is hidden from everyone but its author: 404, so its existence is not revealed.
  if (!story || !canViewStory(user, story)) notFound();
  return { story, user };
});

/** The version this request shows (decision 030): `?lang=`, else the interface language, else the original. */
const loadVersion = cache(async (slug: string, requested: string | null) => {
  const { story } = await loadVisibleStory(slug);
  const [translations, locale] = await Promise.all([cachedTranslations(story.id), getReaderLocale()]);
  return chooseVersion(story, translations, locale, requested);
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { story } = await loadVisibleStory((await params).slug);
  const requested = first((await searchParams).lang) ?? null;
  const { version, languages } = await loadVersion(story.slug, requested);
  const [tFeeds, tMeta, origin] = await Promise.all([
    getTranslations("feeds"),
    getTranslations("meta"),
    siteOrigin(),
  ]);
  return {
    title: version.title,
    description: version.summary || undefined,
    alternates: {
      canonical:
        requested && languages.includes(requested)
          ? versionPath(story.slug, requested)
          : `/stories/${story.slug}`,
      // Each version for search engines, when there is more than one.
      ...(languages.length > 1
        ? {
            languages: Object.fromEntries(
              languages.map((language) => [language, versionPath(story.slug, language)]),
            ),
          }
        : {}),
      types: {
        "application/atom+xml": [
          { url: `/stories/${story.slug}/comments.xml`, title: tFeeds("comments", { title: story.title }) },
        ],
        // Only a published story has an embed (decision 025).
        ...(story.status === "published"
          ? oembedAlternate(`${origin}/stories/${story.slug}`, story.title)
          : {}),
      },
    },
    ...shareMetadata({
      type: "article",
      title: version.title,
      description: version.summary,
      url: `/stories/${story.slug}`,
      siteName: tMeta("siteName"),
      language: version.language,
      publishedTime: story.publishedAt,
      modifiedTime: story.publishedAt ? story.updatedAt : null,
      tags: story.startingPoints.map((sp) => sp.name),
      // Only its author sees a draft, and its image route answers 404: no share image.
      image: story.status === "published",
    }),
  };
}

export default async function StoryPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { story, user } = await loadVisibleStory(slug);
  const commentsAfter = first((await searchParams).comments) ?? null;
  const locale = await getReaderLocale();
  const { version, translated, languages } = await loadVersion(
    slug,
    first((await searchParams).lang) ?? null,
  );
  const [t, tt, tc, tTypes, tLanguages, format, comments, recognitions, related] = await Promise.all([
    getTranslations("stories"),
    getTranslations("translations"),
    getTranslations("comments"),
    getTranslations("organisationTypes"),
    getTranslations("languages"),
    getFormatter(),
    cachedComments(story.id, commentsAfter),
    story.status !== "published"
      ? Promise.resolve(null)
      : user
        ? storyRecognitionSummary({ storyId: story.id, userId: user.id, locale })
        : cachedPublicRecognitions(story.id, locale),
    // Drafts and hidden stories are not part of the model: nothing is related to them.
    story.status === "published" ? cachedRelatedStories(story.id, locale) : Promise.resolve([]),
  ]);
  const editable = canEditStory(user, story);
  // The conversation: its switches, "useful" marks, and which comment's reply form is open.
  const replyParam = first((await searchParams).reply) ?? null;
  const [conversationRow, markedUseful] = await Promise.all([
    user ? storyConversation({ storyId: story.id, userId: user.id }) : cachedPublicConversation(story.id),
    commentsMarkedUseful({
      userId: user?.id ?? null,
      commentIds: comments.items.flatMap((thread) => [thread.id, ...thread.replies.map((reply) => reply.id)]),
    }),
  ]);
  const conversation = conversationRow ?? {
    commentsClosed: false,
    lockedAt: null,
    usefulCount: 0,
    markedUseful: false,
  };
  const closedReason = commentsClosedReason(conversation);
  const mayComment = canComment(user, { status: story.status, ...conversation });
  const commentsPage = `/stories/${story.slug}${commentsAfter ? `?comments=${encodeURIComponent(commentsAfter)}&` : "?"}`;
  const reader: CommentReader = {
    user,
    story,
    conversation,
    mayComment,
    markedUseful,
    commentsPage,
    replyParam,
    newKey: newIdempotencyKey,
  };
  const commentProps = (comment: RenderedComment<CommentView>, replyTo: AnsweredComment | null = null) =>
    commentItemView(comment, replyTo, reader);
  const date = story.publishedAt ?? story.createdAt;
  // Stories edited before edits were dated have no editedAt: a save well after publication counts.
  const editedAt =
    story.editedAt ??
    (story.publishedAt !== null && story.updatedAt.getTime() - story.publishedAt.getTime() > 60_000
      ? story.updatedAt
      : null);

  // The comment form (loaded on demand) and its strings are for members: visitors get no form.
  return (
    <PageMessages page="app/stories/[slug]/page.tsx" onDemand={user !== null}>
      <article className="space-y-8">
        <header className="space-y-4">
          <StoryStatusNotice status={story.status} moderationReason={story.moderationReason} />
          <p className="text-stone-700">
            <span className="font-medium">{story.organisation}</span> · {tTypes(story.organisationType)}
          </p>
          <h1 className="text-3xl font-bold leading-tight" lang={version.language}>
            {version.title}
          </h1>
          <p className="text-stone-600">
            {story.author
              ? t.rich("writtenBy", {
                  name: story.author.name,
                  author: (chunks) => <Link href={`/members/${story.author?.handle}`}>{chunks}</Link>,
                })
              : t("by", { name: t("formerMember") })}
            {" · "}
            <time dateTime={date.toISOString()}>
              {story.publishedAt
                ? t("publishedOn", { date: format.dateTime(date, { dateStyle: "long" }) })
                : t("createdOn", { date: format.dateTime(date, { dateStyle: "long" }) })}
            </time>
            {editedAt ? (
              <>
                {" · "}
                <time dateTime={editedAt.toISOString()}>
                  {t("updatedOn", { date: format.dateTime(editedAt, { dateStyle: "long" }) })}
                </time>
              </>
            ) : null}
          </p>
          <div>
            <h2 className="sr-only">{t("startingPoints")}</h2>
            <StartingPointTags tags={story.startingPoints} />
          </div>
          {story.isExample ? (
            <p className="rounded bg-amber-50 px-4 py-2 text-sm text-amber-900">{t("exampleNote")}</p>
          ) : null}
          {translated ? (
            <p className="rounded border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-950">
              {tt("translatedNote", { language: tLanguages(story.language) })}{" "}
              <Link
                href={versionPath(story.slug, story.language)}
                hrefLang={story.language}
                className="font-medium"
              >
                {tt("readOriginal", { language: tLanguages(story.language) })}
              </Link>
            </p>
          ) : languages.length > 1 ? (
            <p className="rounded border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-950">
              {languages
                .filter((language) => language !== version.language)
                .map((language) => (
                  <span key={language}>
                    {tt("alsoIn", { language: tLanguages(language) })}{" "}
                    <Link
                      href={versionPath(story.slug, language)}
                      hrefLang={language}
                      className="font-medium"
                    >
                      {tt("readIn", { language: tLanguages(language) })}
                    </Link>
                  </span>
                ))}
            </p>
          ) : null}
          {editable ? (
            <div className="flex flex-wrap gap-3">
              <Link
                href={`/stories/${story.slug}/edit`}
                className="rounded border border-stone-400 bg-white px-3 py-1.5 text-stone-900 no-underline hover:bg-stone-100 hover:no-underline"
              >
                {t("edit")}
              </Link>
              <Link
                href={`/stories/${story.slug}/translate`}
                className="rounded border border-stone-400 bg-white px-3 py-1.5 text-stone-900 no-underline hover:bg-stone-100 hover:no-underline"
              >
                {languages.length > 1 ? tt("edit") : tt("add")}
              </Link>
              {canSeeHistory(user, story) ? (
                <Link
                  href={`/stories/${story.slug}/history`}
                  className="rounded border border-stone-400 bg-white px-3 py-1.5 text-stone-900 no-underline hover:bg-stone-100 hover:no-underline"
                >
                  {t("history")}
                </Link>
              ) : null}
              {story.status === "draft" ? (
                <form action={publishDraftAction}>
                  <input type="hidden" name="slug" value={story.slug} />
                  <PendingButton className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
                    {t("publishDraft")}
                  </PendingButton>
                </form>
              ) : null}
              <form action={deleteStoryAction}>
                <input type="hidden" name="storyId" value={story.id} />
                <ConfirmButton confirmMessage={t("deleteConfirm")}>{t("delete")}</ConfirmButton>
              </form>
            </div>
          ) : null}
          {user && canReport(user, { type: "story", userId: story.authorId, state: story.status }) ? (
            <p className="text-sm">
              <Link href={`/report/story/${story.id}`} rel="nofollow">
                {t("report")}
              </Link>
            </p>
          ) : null}
          {story.status === "published" && user?.id !== story.authorId ? (
            <StoryFollow storyId={story.id} userId={user?.id ?? null} />
          ) : null}
        </header>

        {version.summary ? (
          <p className="text-lg text-stone-800" lang={version.language}>
            {version.summary}
          </p>
        ) : null}
        <Markdown html={version.html} lang={version.language} />

        <dl className="grid gap-4 rounded-lg border border-stone-200 bg-white p-5 sm:grid-cols-2">
          {version.trigger ? (
            <div className="sm:col-span-2">
              <dt className="font-semibold">{t("trigger")}</dt>
              <dd className="mt-1 text-stone-800" lang={version.language}>
                {version.trigger}
              </dd>
            </div>
          ) : null}
          {story.tools.length > 0 ? (
            <div>
              <dt className="font-semibold">{t("tools")}</dt>
              <dd className="mt-1 text-stone-800">{story.tools.join(", ")}</dd>
            </div>
          ) : null}
          <div>
            <dt className="font-semibold">{t("language")}</dt>
            <dd className="mt-1 text-stone-800">{tLanguages(story.language)}</dd>
          </div>
        </dl>

        {story.status === "published" ? (
          <UsefulButton
            kind="story"
            targetId={story.id}
            count={conversation.usefulCount}
            pressed={conversation.markedUseful}
            canToggle={canMarkUseful(user, story)}
          />
        ) : null}
        {story.status === "published" ? (
          <ShareEmbed target={{ kind: "story", slug: story.slug, lang: null }} name={version.title} />
        ) : null}

        {/* Not labelled by its heading: "Comments (2)" would then also match the "Comment" field's name. */}
        {recognitions ? (
          <RecognitionPanel
            storyId={story.id}
            storySlug={story.slug}
            rows={recognitions}
            viewer={
              !user
                ? "anonymous"
                : user.id === story.authorId
                  ? "author"
                  : canRecogniseStory(user, story)
                    ? "reader"
                    : "counts"
            }
          />
        ) : null}

        <RelatedStories stories={related} />

        {/* A story that is not published has no conversation to invite to (hidden ones keep theirs). */}
        {story.status === "published" || comments.items.length > 0 || commentsAfter ? (
          <section className="space-y-4">
            <h2 id="comments-heading" className="text-2xl font-semibold">
              {tc("heading", { count: story.commentCount })}
            </h2>
            {story.status === "published" ? (
              <ConversationControls
                storyId={story.id}
                commentsClosed={conversation.commentsClosed}
                locked={conversation.lockedAt !== null}
                canClose={canCloseComments(user, story)}
                canLock={canLockThread(user, story)}
              />
            ) : null}
            {comments.items.length === 0 && !commentsAfter ? (
              <p className="text-stone-600">{tc("empty")}</p>
            ) : null}
            {comments.items.length > 0 ? (
              <CommentList
                storySlug={story.slug}
                threads={comments.items.map((thread) => {
                  const view: CommentThreadView = commentProps(thread);
                  if (thread.replies.length > 0)
                    view.replies = thread.replies.map((reply) => commentProps(reply, reply.replyTo));
                  return view;
                })}
              />
            ) : null}
            {comments.more ? (
              <Link
                href={`/stories/${story.slug}?comments=${encodeURIComponent(comments.more)}#comments-heading`}
              >
                {tc("more")}
              </Link>
            ) : null}
            {story.status !== "published" ? (
              <p className="text-stone-600">{tc("draftNoComments")}</p>
            ) : closedReason ? (
              <ConversationClosedNote reason={closedReason} />
            ) : user && mayComment ? (
              <LazyCommentForm
                action={postCommentAction}
                storyId={story.id}
                idempotencyKey={newIdempotencyKey()}
              />
            ) : user?.emailUnconfirmed ? (
              <p className="text-stone-700">{tc("confirmEmailToComment")}</p>
            ) : (
              <p>
                <Link href={`/signin?callbackUrl=${encodeURIComponent(`/stories/${story.slug}`)}`}>
                  {tc("signInToComment")}
                </Link>
              </p>
            )}
          </section>
        ) : null}
      </article>
    </PageMessages>
  );
}

/** Follow / Following for readers; the author hears of every comment anyway (decision 023). */
async function StoryFollow({ storyId, userId }: { storyId: string; userId: string | null }) {
  const following = userId ? await isFollowingStory(userId, storyId) : false;
  return <FollowButton target="story" id={storyId} following={following} />;
}
