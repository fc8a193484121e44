import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { FollowButton } from "@/components/follow-button";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { OrganisationRecognitionForm } from "@/components/organisation-recognition-form";
import { RECOGNITION_STATUS_ID } from "@/lib/feedback/ids";
import { currentUser } from "@/lib/auth/session";
import { removeOrganisationRecognitionAction } from "@/lib/model/actions";
import { listOrganisationNotes, myOrganisationRecognition } from "@/lib/model/recognition";
import { isFollowingStartingPoint } from "@/lib/notifications/queries";
import { Pagination } from "@/components/pagination";
import { startingPointColor } from "@/lib/starting-points/color";
import { StoryList } from "@/components/story-list";
import { getReaderLocale } from "@/lib/i18n/server";
import { ShareEmbed } from "@/components/share-embed";
import { oembedAlternate } from "@/lib/embed/oembed";
import { siteOrigin } from "@/lib/feeds/site-url";
import { shareMetadata } from "@/lib/share/metadata";
import { alternateOpenGraphLocales } from "@/lib/share/text";
import { startingPointPair } from "@/lib/starting-points/pair";
import { cachedPublishedStories, cachedStartingPoint, cachedStoryCount } from "@/lib/cache/reads";
import { first } from "@/lib/stories/search-params";
import { NOTE_MAX } from "@/lib/model/schema";
import { PageMessages } from "@/components/page-messages";

// Metadata and page share one load per request.
const loadStartingPoint = cache(async (slug: string) => cachedStartingPoint(slug, await getReaderLocale()));

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [tMeta, locale] = await Promise.all([getTranslations("meta"), getReaderLocale()]);
  const share = {
    type: "website",
    siteName: tMeta("siteName"),
    language: locale,
    alternateLocales: alternateOpenGraphLocales(locale),
  } as const;
  const pair = startingPointPair((await params).slug);
  if (pair) {
    const [a, b] = await Promise.all(pair.map(loadStartingPoint));
    if (!a || !b) return {};
    const title = `${a.name} + ${b.name}`;
    const url = `/starting-points/${a.slug}+${b.slug}`;
    return { title, alternates: { canonical: url }, ...shareMetadata({ ...share, title, url }) };
  }
  const startingPoint = await loadStartingPoint((await params).slug);
  if (!startingPoint) return {};
  const [tFeeds, origin] = await Promise.all([getTranslations("feeds"), siteOrigin()]);
  return {
    title: startingPoint.name,
    description: startingPoint.tagline,
    alternates: {
      canonical: `/starting-points/${startingPoint.slug}`,
      types: {
        "application/atom+xml": [
          {
            url: `/starting-points/${startingPoint.slug}/feed.xml`,
            title: tFeeds("startingPoint", { name: startingPoint.name }),
          },
        ],
        ...oembedAlternate(`${origin}/starting-points/${startingPoint.slug}`, startingPoint.name),
      },
    },
    ...shareMetadata({
      ...share,
      title: startingPoint.name,
      description: startingPoint.tagline,
      url: `/starting-points/${startingPoint.slug}`,
    }),
  };
}

export default async function StartingPointPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const pair = startingPointPair(slug);
  if (pair) return <Intersection slugs={pair} query={query} />;
  const locale = await getReaderLocale();
  const startingPoint = await loadStartingPoint(slug);
  if (!startingPoint) notFound();

  const user = await currentUser();
  const [t, tFeeds, tm, format, page, organisation, mine, following] = await Promise.all([
    getTranslations("startingPoints"),
    getTranslations("feeds"),
    getTranslations("model"),
    getFormatter(),
    cachedPublishedStories({
      filters: { startingPoints: [slug] },
      after: first(query.after) ?? null,
      before: first(query.before) ?? null,
      locale,
    }),
    listOrganisationNotes(startingPoint.id),
    user ? myOrganisationRecognition(startingPoint.id, user.id) : Promise.resolve(null),
    user ? isFollowingStartingPoint(user.id, startingPoint.id) : Promise.resolve(false),
  ]);

  return (
    <PageMessages page="app/starting-points/[slug]/page.tsx">
      <div className="space-y-8">
        <header
          className="space-y-3 border-l-4 pl-4"
          style={{ borderLeftColor: startingPointColor(startingPoint.position) }}
        >
          <p className="text-sm font-semibold" style={{ color: startingPointColor(startingPoint.position) }}>
            <Link href="/starting-points">{t("startingPoint")}</Link> {startingPoint.position}
          </p>
          <h1 className="text-3xl font-bold">{startingPoint.name}</h1>
          <p className="text-lg font-medium text-stone-700">{startingPoint.tagline}</p>
          <p className="max-w-3xl text-stone-800">{startingPoint.description}</p>
          <FollowButton target="startingPoint" id={startingPoint.slug} following={following} />
          <ShareEmbed
            target={{ kind: "startingPoint", slug: startingPoint.slug, lang: null }}
            name={startingPoint.name}
          />
        </header>

        <section
          aria-labelledby="organisation-heading"
          className="space-y-4 rounded-lg border border-stone-200 bg-white p-5"
        >
          <h2 id="organisation-heading" className="text-xl font-semibold">
            {tm("organisationHeading")}
          </h2>
          <p className="text-stone-700">{tm("organisationIntro")}</p>
          <p className="text-stone-700">{tm("organisationCount", { count: organisation.total })}</p>
          {user ? (
            <div className="space-y-3">
              {mine ? (
                <p id={RECOGNITION_STATUS_ID} tabIndex={-1} className="font-medium text-brand-700">
                  ✓ {tm("youRecognise")}
                </p>
              ) : null}
              <OrganisationRecognitionForm
                startingPoint={startingPoint.slug}
                existingNote={mine ? mine.note : null}
                noteMax={NOTE_MAX}
              />
              {mine ? (
                <form action={removeOrganisationRecognitionAction}>
                  <input type="hidden" name="startingPoint" value={startingPoint.slug} />
                  <ConfirmButton confirmMessage={tm("withdrawConfirm")}>{tm("withdraw")}</ConfirmButton>
                </form>
              ) : null}
            </div>
          ) : (
            <p>
              <Link
                href={`/signin?callbackUrl=${encodeURIComponent(`/starting-points/${startingPoint.slug}`)}`}
              >
                {tm("signInToSay")}
              </Link>
            </p>
          )}
          <h3 className="pt-2 text-lg font-semibold">{tm("notesHeading")}</h3>
          {organisation.notes.length === 0 ? (
            <p className="text-stone-600">{tm("noNotes")}</p>
          ) : (
            <ul className="space-y-3">
              {organisation.notes.map((note) => (
                <li key={note.id} className="rounded border border-stone-200 p-3">
                  <p className="whitespace-pre-line text-stone-800">{note.note}</p>
                  <p className="mt-1 text-sm text-stone-600">
                    <Link href={`/members/${note.author.handle}`}>{note.author.name}</Link> ·{" "}
                    <time dateTime={note.createdAt.toISOString()}>
                      {format.dateTime(note.createdAt, { dateStyle: "medium" })}
                    </time>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="stories-heading" className="space-y-4">
          <h2 id="stories-heading" className="text-2xl font-semibold">
            {t("storiesHeading")}{" "}
            <span className="text-base font-normal text-stone-600">
              ({t("storyCount", { count: startingPoint.storyCount })})
            </span>
          </h2>
          {page.items.length > 0 ? (
            <StoryList stories={page.items} />
          ) : (
            <p className="rounded border border-dashed border-stone-300 bg-white p-6 text-stone-700">
              {t("noStories")} <Link href="/stories/new">{t("writeOne")}</Link>
            </p>
          )}
          <p className="text-sm">
            <a href={`/starting-points/${slug}/feed.xml`}>{tFeeds("subscribe")}</a>
          </p>
          <Pagination
            basePath={`/starting-points/${slug}`}
            params={new URLSearchParams()}
            newer={page.newer}
            older={page.older}
          />
        </section>
      </div>
    </PageMessages>
  );
}

/** Stories that carry both starting points: where the model's categories overlap. */
async function Intersection({
  slugs,
  query,
}: {
  slugs: [string, string];
  query: Record<string, string | string[] | undefined>;
}) {
  const [a, b] = await Promise.all(slugs.map(loadStartingPoint));
  if (!a || !b) notFound();
  const [t, locale] = await Promise.all([getTranslations("startingPoints"), getReaderLocale()]);
  const filters = { startingPoints: [a.slug, b.slug] };
  const [page, total] = await Promise.all([
    cachedPublishedStories({
      filters,
      after: first(query.after) ?? null,
      before: first(query.before) ?? null,
      locale,
    }),
    cachedStoryCount(filters),
  ]);
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <p className="text-sm font-semibold text-stone-600">
          <Link href="/starting-points">{t("title")}</Link>
        </p>
        <h1 className="text-3xl font-bold">
          <Link href={`/starting-points/${a.slug}`} style={{ color: startingPointColor(a.position) }}>
            {a.name}
          </Link>{" "}
          +{" "}
          <Link href={`/starting-points/${b.slug}`} style={{ color: startingPointColor(b.position) }}>
            {b.name}
          </Link>
        </h1>
        <p className="max-w-3xl text-stone-700">{t("intersectionIntro", { count: total })}</p>
      </header>
      {page.items.length > 0 ? (
        <StoryList stories={page.items} headingLevel={2} />
      ) : (
        <p className="rounded border border-dashed border-stone-300 bg-white p-6 text-stone-700">
          {t("intersectionEmpty")}
        </p>
      )}
      <Pagination
        basePath={`/starting-points/${a.slug}+${b.slug}`}
        params={new URLSearchParams()}
        newer={page.newer}
        older={page.older}
      />
    </div>
  );
}
