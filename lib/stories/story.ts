import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { stories, users, type Role } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { cardColumns, tagsFor, toCards, type StoryCard } from "./cards";
import { pickStoryContent, type StoryContent } from "./schema";

export type StoryDetail = StoryCard &
  StoryContent & {
    authorId: string | null;
    /** Decides which staff may act on the story (lib/auth/permissions.ts); null for a former member. */
    authorRole: Role | null;
    version: number;
    createdAt: Date;
    /** The last saved edit after publication ("Edited …"); null if never edited. */
    editedAt: Date | null;
    /** Why moderators hid the story or sent it back; for its author and moderators only. */
    moderationReason: string;
  };

export async function getStoryBySlug(slug: string, locale: Locale): Promise<StoryDetail | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      ...cardColumns,
      ...pickStoryContent(stories),
      authorId: stories.authorId,
      authorRole: users.role,
      version: stories.version,
      createdAt: stories.createdAt,
      editedAt: stories.editedAt,
      moderationReason: stories.moderationReason,
    })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(eq(stories.slug, slug))
    .limit(1);
  if (!row) return null;
  const [card] = toCards([row], await tagsFor(db, [row.id], locale));
  return {
    ...card,
    ...pickStoryContent(row),
    authorId: row.authorId,
    authorRole: row.authorRole,
    version: row.version,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    moderationReason: row.moderationReason,
  };
}

/** Just enough to decide permissions, for actions. */
export async function getStoryAccess(storyId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: stories.id,
      slug: stories.slug,
      authorId: stories.authorId,
      authorRole: users.role,
      status: stories.status,
    })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(eq(stories.id, storyId))
    .limit(1);
  return row ?? null;
}

/** The story's version now, to tell someone whose save was refused which version they saw. */
export async function currentStoryVersion(storyId: string): Promise<number | null> {
  const db = await getDb();
  const [row] = await db
    .select({ version: stories.version })
    .from(stories)
    .where(eq(stories.id, storyId))
    .limit(1);
  return row?.version ?? null;
}
