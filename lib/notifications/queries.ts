import "server-only";
import { and, asc, count, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  notifications,
  startingPointFollows,
  startingPoints,
  stories,
  storyFollows,
  users,
  type EmailFrequency,
} from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination/cursor";
import { safeNoticePath } from "./text";

/*
 * Reading and settling notifications, follows and mail preferences. Writing notifications is
 * events.ts's job (inside the transaction of what caused them); mailing them is mail.ts's and
 * digest.ts's.
 */

export type Notice = {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
};

const noticeColumns = {
  id: notifications.id,
  kind: notifications.kind,
  data: notifications.data,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

function toNotice(row: {
  id: string;
  kind: string;
  data: unknown;
  createdAt: Date;
  readAt: Date | null;
}): Notice {
  return { ...row, data: (row.data ?? {}) as Record<string, unknown> };
}

export const NOTICES_PER_PAGE = 30;

/**
 * A member's notifications, newest first, one keyset page at a time: `after` a cursor for older
 * ones, `before` one for newer ones (see lib/pagination/cursor.ts).
 */
export async function listNotificationsPage(params: {
  userId: string;
  after?: string | null;
  before?: string | null;
  limit?: number;
}): Promise<Page<Notice>> {
  const db = await getDb();
  const limit = params.limit ?? NOTICES_PER_PAGE;
  const after = decodeCursor(params.after);
  const before = after ? null : decodeCursor(params.before);
  const mine = eq(notifications.userId, params.userId);
  const older = after
    ? or(
        lt(notifications.createdAt, after.at),
        and(eq(notifications.createdAt, after.at), lt(notifications.id, after.id)),
      )
    : undefined;
  const newer = before
    ? or(
        gt(notifications.createdAt, before.at),
        and(eq(notifications.createdAt, before.at), gt(notifications.id, before.id)),
      )
    : undefined;
  const rows = await db
    .select(noticeColumns)
    .from(notifications)
    .where(and(mine, older ?? newer))
    .orderBy(
      ...(before
        ? [asc(notifications.createdAt), asc(notifications.id)]
        : [desc(notifications.createdAt), desc(notifications.id)]),
    )
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (before) page.reverse();
  const items = page.map(toNotice);
  const cursor = (notice: Notice | undefined) =>
    notice ? encodeCursor({ at: notice.createdAt, id: notice.id }) : null;
  // Older pages exist after a full page read forwards, or always when reading backwards from one.
  const hasOlder = before ? true : more;
  const hasNewer = before ? more : Boolean(after);
  return { items, older: hasOlder ? cursor(items.at(-1)) : null, newer: hasNewer ? cursor(items[0]) : null };
}

/** The newest notifications as a plain list (tests, and callers that need no paging). */
export async function listNotifications(userId: string, limit = 50): Promise<Notice[]> {
  return (await listNotificationsPage({ userId, limit })).items;
}

export async function unreadNotificationCount(userId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function markNotificationsRead(userId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/**
 * Marks one of the member's notifications read (a no-op when it already is) and returns where
 * it leads, or undefined when the member has no such notification. Someone else's id is
 * indistinguishable from an unknown one.
 */
export async function markNotificationRead(params: {
  userId: string;
  id: string;
}): Promise<{ url: string | null } | undefined> {
  const db = await getDb();
  const where = and(eq(notifications.id, params.id), eq(notifications.userId, params.userId));
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(where)
    .returning({ data: notifications.data });
  if (!row) return undefined;
  return { url: safeNoticePath((row.data as { url?: unknown } | null)?.url) };
}

// ------------------------------------------------------------------ follows

export type FollowTarget = "story" | "startingPoint";

/** Follows or unfollows; doing it twice changes nothing. */
export async function setFollow(params: {
  userId: string;
  target: FollowTarget;
  id: string;
  follow: boolean;
}): Promise<void> {
  const db = await getDb();
  if (params.target === "story") {
    if (params.follow)
      await db
        .insert(storyFollows)
        .values({ userId: params.userId, storyId: params.id })
        .onConflictDoNothing();
    else
      await db
        .delete(storyFollows)
        .where(and(eq(storyFollows.userId, params.userId), eq(storyFollows.storyId, params.id)));
    return;
  }
  const startingPointId = Number(params.id);
  if (params.follow)
    await db
      .insert(startingPointFollows)
      .values({ userId: params.userId, startingPointId })
      .onConflictDoNothing();
  else
    await db
      .delete(startingPointFollows)
      .where(
        and(
          eq(startingPointFollows.userId, params.userId),
          eq(startingPointFollows.startingPointId, startingPointId),
        ),
      );
}

export async function isFollowingStory(userId: string, storyId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ storyId: storyFollows.storyId })
    .from(storyFollows)
    .where(and(eq(storyFollows.userId, userId), eq(storyFollows.storyId, storyId)));
  return Boolean(row);
}

export async function isFollowingStartingPoint(userId: string, startingPointId: number): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: startingPointFollows.startingPointId })
    .from(startingPointFollows)
    .where(
      and(eq(startingPointFollows.userId, userId), eq(startingPointFollows.startingPointId, startingPointId)),
    );
  return Boolean(row);
}

export type Follows = {
  stories: { id: string; slug: string; title: string; language: string }[];
  startingPoints: { id: number; slug: string; name: string }[];
};

/** What a member follows: starting points in model order, stories newest follow first. */
export async function listFollows(userId: string, locale: Locale): Promise<Follows> {
  const db = await getDb();
  const [followedStories, followedStartingPoints] = await Promise.all([
    db
      .select({ id: stories.id, slug: stories.slug, title: stories.title, language: stories.language })
      .from(storyFollows)
      .innerJoin(stories, eq(stories.id, storyFollows.storyId))
      .where(eq(storyFollows.userId, userId))
      .orderBy(desc(storyFollows.createdAt), asc(stories.id)),
    db
      .select({
        id: startingPoints.id,
        slug: startingPoints.slug,
        name: locale === "nl" ? startingPoints.nameNl : startingPoints.nameEn,
      })
      .from(startingPointFollows)
      .innerJoin(startingPoints, eq(startingPoints.id, startingPointFollows.startingPointId))
      .where(eq(startingPointFollows.userId, userId))
      .orderBy(asc(startingPoints.position)),
  ]);
  return { stories: followedStories, startingPoints: followedStartingPoints };
}

// ------------------------------------------------------------------ mail preferences

export type MailPreferences = { emailFrequency: EmailFrequency; locale: string; email: string };

export async function getMailPreferences(userId: string): Promise<MailPreferences | null> {
  const db = await getDb();
  const [row] = await db
    .select({ emailFrequency: users.emailFrequency, locale: users.locale, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function setEmailFrequency(params: {
  userId: string;
  emailFrequency: EmailFrequency;
}): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ emailFrequency: params.emailFrequency }).where(eq(users.id, params.userId));
}
