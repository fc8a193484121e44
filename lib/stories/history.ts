import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { storyRevisions, users } from "@/db/schema";
import { pickStoryContent } from "./schema";

/** A revision's content: the story's content fields, and its starting points as slugs. */
export const revisionContentColumns = {
  ...pickStoryContent(storyRevisions),
  startingPoints: storyRevisions.startingPoints,
};

export type HistoryEntry = {
  version: number;
  savedAt: Date;
  /** Null for a former member. */
  savedBy: { name: string; handle: string } | null;
  current: boolean;
};

/**
 * A story's versions, newest first: the current one, then every kept revision. A current
 * version without a row of its own (never edited since publication, or a draft again) is
 * listed from the story itself, credited to its author.
 */
export async function storyHistory(story: {
  id: string;
  version: number;
  updatedAt: Date;
  author: { name: string; handle: string } | null;
}): Promise<HistoryEntry[]> {
  const db = await getDb();
  const rows = await db
    .select({
      version: storyRevisions.version,
      savedAt: storyRevisions.savedAt,
      name: users.name,
      handle: users.handle,
    })
    .from(storyRevisions)
    .leftJoin(users, eq(users.id, storyRevisions.savedById))
    .where(eq(storyRevisions.storyId, story.id))
    .orderBy(desc(storyRevisions.version));
  const entries: HistoryEntry[] = rows.map((row) => ({
    version: row.version,
    savedAt: row.savedAt,
    savedBy: row.name && row.handle ? { name: row.name, handle: row.handle } : null,
    current: row.version === story.version,
  }));
  if (entries[0]?.version !== story.version) {
    entries.unshift({
      version: story.version,
      savedAt: story.updatedAt,
      savedBy: story.author,
      current: true,
    });
  }
  return entries;
}

/** One kept version's content (starting points as slugs), or null. */
export async function getRevision(storyId: string, version: number) {
  const db = await getDb();
  const [row] = await db
    .select({ version: storyRevisions.version, ...revisionContentColumns })
    .from(storyRevisions)
    .where(and(eq(storyRevisions.storyId, storyId), eq(storyRevisions.version, version)))
    .limit(1);
  return row ?? null;
}
