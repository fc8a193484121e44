import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StoryForm } from "@/components/story-form";
import { z } from "zod";
import { canEditStory, canWritePublicly, canViewStory } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getReaderLocale } from "@/lib/i18n/server";
import { getMemberRole } from "@/lib/members/queries";
import { suggestStartingPoints } from "@/lib/model/suggest";
import { needsApproval } from "@/lib/admin/settings";
import { listStartingPoints } from "@/lib/starting-points/queries";
import { updateStoryAction } from "@/lib/stories/actions";
import { storyFormValues } from "@/lib/stories/form-values";
import { getStoryBySlug } from "@/lib/stories/story";
import { storySchema } from "@/lib/stories/schema";
import { validationErrorMap } from "@/lib/validation/error-map";
import type { FieldErrors } from "@/lib/validation/form-state";
import { PageMessages } from "@/components/page-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("stories");
  // A private form: nothing for search engines.
  return { title: t("editTitle"), robots: { index: false } };
}

export default async function EditStoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ publish?: string }>;
}) {
  const { slug } = await params;
  const checkPublish = (await searchParams).publish === "1";
  const user = await requireUser(`/stories/${slug}/edit`);
  const locale = await getReaderLocale();
  const story = await getStoryBySlug(slug, locale);
  // Someone else's story: 404, never the form (and a draft's existence stays hidden).
  if (!story || !canViewStory(user, story) || !canEditStory(user, story)) notFound();

  // The author's approval rule decides what "publish" does, also when a moderator edits.
  const author = story.authorId ? await getMemberRole(story.authorId) : null;
  const [t, startingPoints, approval, suggestions] = await Promise.all([
    getTranslations("stories"),
    listStartingPoints(locale),
    author ? needsApproval(author) : Promise.resolve(false),
    suggestStartingPoints(story, locale),
  ]);
  const initial = storyFormValues(story);
  // Sent here by "Publish" on a draft that is not complete yet: say at once what is missing.
  let initialErrors: { fieldErrors: FieldErrors; formError?: string } | undefined;
  if (checkPublish && story.status === "draft") {
    const tAll = await getTranslations();
    const parsed = storySchema.safeParse(initial, { error: validationErrorMap(tAll) });
    if (!parsed.success) initialErrors = { fieldErrors: z.flattenError(parsed.error).fieldErrors };
    else if (!canWritePublicly(user))
      initialErrors = { fieldErrors: {}, formError: tAll("stories.confirmEmailToPublish") };
  }
  return (
    <PageMessages page="app/stories/[slug]/edit/page.tsx">
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-3xl font-bold">{t("editTitle")}</h1>
        <StoryForm
          action={updateStoryAction}
          startingPoints={startingPoints}
          defaultLanguage={story.language}
          story={{
            id: story.id,
            slug: story.slug,
            version: story.version,
            published: story.status === "published" || story.status === "hidden",
            byStaff: user.id !== story.authorId,
          }}
          needsApproval={approval}
          suggestions={suggestions}
          initial={initial}
          initialErrors={initialErrors}
        />
      </div>
    </PageMessages>
  );
}
