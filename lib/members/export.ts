import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  comments,
  commentUseful,
  notifications,
  organisationRecognitions,
  proposalComments,
  proposals,
  proposalSupports,
  reports,
  startingPointFollows,
  startingPoints,
  stories,
  storyFollows,
  storyRecognitions,
  storyRevisions,
  storyStartingPoints,
  storyUseful,
  users,
} from "@/db/schema";
import { revisionContentColumns } from "@/lib/stories/history";
import { pickStoryContent } from "@/lib/stories/schema";

/*
 * "Download my data": everything the platform keeps about a member and made by them, as one
 * JSON document. What it leaves out: the password hash, other members' addresses and ids (a
 * revision saved by a moderator says only that it was not the member), and reports others made
 * about the member. Other tables point at stories and comments by slug or id, as on the site.
 */

export const EXPORT_FORMAT = "vertrekpunt-member-data/1";

export async function exportMemberData(userId: string, now: Date = new Date()) {
  const db = await getDb();
  const [profile] = await db
    .select({
      name: users.name,
      handle: users.handle,
      email: users.email,
      emailVerified: users.emailVerified,
      organisation: users.organisation,
      bio: users.bio,
      website: users.website,
      locale: users.locale,
      role: users.role,
      emailFrequency: users.emailFrequency,
      suspendedUntil: users.suspendedUntil,
      suspendedForGood: users.suspendedForGood,
      suspensionReason: users.suspensionReason,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!profile) return null;

  const ownStories = await db
    .select({
      id: stories.id,
      slug: stories.slug,
      ...pickStoryContent(stories),
      status: stories.status,
      version: stories.version,
      moderationReason: stories.moderationReason,
      commentsClosed: stories.commentsClosed,
      commentCount: stories.commentCount,
      usefulCount: stories.usefulCount,
      recognitionCount: stories.recognitionCount,
      createdAt: stories.createdAt,
      publishedAt: stories.publishedAt,
      editedAt: stories.editedAt,
      updatedAt: stories.updatedAt,
    })
    .from(stories)
    .where(eq(stories.authorId, userId))
    .orderBy(asc(stories.createdAt), asc(stories.id));
  const storyIds = ownStories.map((story) => story.id);
  const [tags, revisions] = storyIds.length
    ? await Promise.all([
        db
          .select({ storyId: storyStartingPoints.storyId, slug: startingPoints.slug })
          .from(storyStartingPoints)
          .innerJoin(startingPoints, eq(startingPoints.id, storyStartingPoints.startingPointId))
          .where(inArray(storyStartingPoints.storyId, storyIds))
          .orderBy(asc(startingPoints.position)),
        db
          .select({
            storyId: storyRevisions.storyId,
            version: storyRevisions.version,
            ...revisionContentColumns,
            savedAt: storyRevisions.savedAt,
            savedByYou: sql<boolean>`coalesce(${storyRevisions.savedById} = ${userId}, false)`,
          })
          .from(storyRevisions)
          .where(inArray(storyRevisions.storyId, storyIds))
          .orderBy(asc(storyRevisions.version)),
      ])
    : [[], []];

  const [
    ownComments,
    ownProposals,
    ownProposalComments,
    supports,
    recognitions,
    organisationNotes,
    usefulStories,
    usefulComments,
    followedStartingPoints,
    followedStories,
    notices,
    reportsMade,
  ] = await Promise.all([
    db
      .select({
        id: comments.id,
        story: stories.slug,
        parentId: comments.parentId,
        replyToId: comments.replyToId,
        body: comments.body,
        usefulCount: comments.usefulCount,
        createdAt: comments.createdAt,
        updatedAt: comments.updatedAt,
        deletedAt: comments.deletedAt,
        hiddenAt: comments.hiddenAt,
        hiddenReason: comments.hiddenReason,
      })
      .from(comments)
      .innerJoin(stories, eq(stories.id, comments.storyId))
      .where(eq(comments.authorId, userId))
      .orderBy(asc(comments.createdAt), asc(comments.id)),
    db
      .select({
        id: proposals.id,
        name: proposals.name,
        explanation: proposals.explanation,
        status: proposals.status,
        supportCount: proposals.supportCount,
        decisionReason: proposals.decisionReason,
        decidedAt: proposals.decidedAt,
        createdAt: proposals.createdAt,
      })
      .from(proposals)
      .where(eq(proposals.proposerId, userId))
      .orderBy(asc(proposals.createdAt)),
    db
      .select({
        id: proposalComments.id,
        proposalId: proposalComments.proposalId,
        body: proposalComments.body,
        createdAt: proposalComments.createdAt,
        deletedAt: proposalComments.deletedAt,
      })
      .from(proposalComments)
      .where(eq(proposalComments.authorId, userId))
      .orderBy(asc(proposalComments.createdAt)),
    db
      .select({
        proposalId: proposalSupports.proposalId,
        proposal: proposals.name,
        createdAt: proposalSupports.createdAt,
      })
      .from(proposalSupports)
      .innerJoin(proposals, eq(proposals.id, proposalSupports.proposalId))
      .where(eq(proposalSupports.userId, userId))
      .orderBy(asc(proposalSupports.createdAt)),
    db
      .select({
        story: stories.slug,
        startingPoint: startingPoints.slug,
        createdAt: storyRecognitions.createdAt,
      })
      .from(storyRecognitions)
      .innerJoin(stories, eq(stories.id, storyRecognitions.storyId))
      .innerJoin(startingPoints, eq(startingPoints.id, storyRecognitions.startingPointId))
      .where(eq(storyRecognitions.userId, userId))
      .orderBy(asc(storyRecognitions.createdAt)),
    db
      .select({
        startingPoint: startingPoints.slug,
        note: organisationRecognitions.note,
        createdAt: organisationRecognitions.createdAt,
        updatedAt: organisationRecognitions.updatedAt,
      })
      .from(organisationRecognitions)
      .innerJoin(startingPoints, eq(startingPoints.id, organisationRecognitions.startingPointId))
      .where(eq(organisationRecognitions.userId, userId))
      .orderBy(asc(organisationRecognitions.createdAt)),
    db
      .select({ story: stories.slug, createdAt: storyUseful.createdAt })
      .from(storyUseful)
      .innerJoin(stories, eq(stories.id, storyUseful.storyId))
      .where(eq(storyUseful.userId, userId))
      .orderBy(asc(storyUseful.createdAt)),
    db
      .select({ commentId: commentUseful.commentId, story: stories.slug, createdAt: commentUseful.createdAt })
      .from(commentUseful)
      .innerJoin(comments, eq(comments.id, commentUseful.commentId))
      .innerJoin(stories, eq(stories.id, comments.storyId))
      .where(eq(commentUseful.userId, userId))
      .orderBy(asc(commentUseful.createdAt)),
    db
      .select({ startingPoint: startingPoints.slug, createdAt: startingPointFollows.createdAt })
      .from(startingPointFollows)
      .innerJoin(startingPoints, eq(startingPoints.id, startingPointFollows.startingPointId))
      .where(eq(startingPointFollows.userId, userId))
      .orderBy(asc(startingPointFollows.createdAt)),
    db
      .select({ story: stories.slug, createdAt: storyFollows.createdAt })
      .from(storyFollows)
      .innerJoin(stories, eq(stories.id, storyFollows.storyId))
      .where(eq(storyFollows.userId, userId))
      .orderBy(asc(storyFollows.createdAt)),
    db
      .select({
        kind: notifications.kind,
        data: notifications.data,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        emailedAt: notifications.emailedAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.createdAt)),
    db
      .select({
        targetType: reports.targetType,
        targetId: reports.targetId,
        reason: reports.reason,
        note: reports.note,
        createdAt: reports.createdAt,
        resolvedAt: reports.resolvedAt,
      })
      .from(reports)
      .where(eq(reports.reporterId, userId))
      .orderBy(asc(reports.createdAt)),
  ]);

  return {
    format: EXPORT_FORMAT,
    exportedAt: now,
    profile,
    stories: ownStories.map((story) => ({
      ...story,
      startingPoints: tags.filter((tag) => tag.storyId === story.id).map((tag) => tag.slug),
      // Every saved version of the published story (decision 021, lib/stories/history.ts), oldest first.
      revisions: revisions
        .filter((revision) => revision.storyId === story.id)
        .map((revision) => ({
          version: revision.version,
          ...pickStoryContent(revision),
          startingPoints: revision.startingPoints,
          savedAt: revision.savedAt,
          savedByYou: revision.savedByYou,
        })),
    })),
    comments: ownComments,
    proposals: ownProposals,
    proposalComments: ownProposalComments,
    proposalSupports: supports,
    recognitions: { inStories: recognitions, inOrganisation: organisationNotes },
    useful: { stories: usefulStories, comments: usefulComments },
    follows: { startingPoints: followedStartingPoints, stories: followedStories },
    notifications: notices,
    reportsMade,
  };
}

export type MemberDataExport = NonNullable<Awaited<ReturnType<typeof exportMemberData>>>;
