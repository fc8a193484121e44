import "server-only";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db";
import { siteSettings, stories, type Role } from "@/db/schema";
import { record } from "@/lib/moderation/audit";

export const SETTINGS = {
  /** New members' first two stories wait for a moderator's approval. */
  approveNewMembersStories: false as boolean,
};
export type SettingKey = keyof typeof SETTINGS;

export async function getSettings(): Promise<typeof SETTINGS> {
  const db = await getDb();
  const rows = await db.select({ key: siteSettings.key, value: siteSettings.value }).from(siteSettings);
  const settings = { ...SETTINGS };
  for (const row of rows) if (row.key in settings) (settings as Record<string, unknown>)[row.key] = row.value;
  return settings;
}

export async function setSetting<K extends SettingKey>(params: {
  actorId: string | null;
  key: K;
  value: (typeof SETTINGS)[K];
}): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [old] = await tx
      .select({ value: siteSettings.value })
      .from(siteSettings)
      .where(eq(siteSettings.key, params.key));
    await tx
      .insert(siteSettings)
      .values({ key: params.key, value: params.value, updatedById: params.actorId, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: siteSettings.key,
        set: { value: params.value, updatedById: params.actorId, updatedAt: new Date() },
      });
    await record(tx, {
      actorId: params.actorId,
      action: "set_setting",
      target: { type: "setting", id: params.key, userId: null, label: params.key },
      before: { value: old?.value ?? SETTINGS[params.key] },
      after: { value: params.value },
    });
  });
}

/** Stories an author published before (or had approved); the first two of a new member wait when the setting is on. */
export const APPROVED_STORIES_NEEDED = 2;

export async function needsApproval(author: { id: string; role: Role }): Promise<boolean> {
  if (author.role !== "member") return false;
  if (!(await getSettings()).approveNewMembersStories) return false;
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(stories)
    .where(and(eq(stories.authorId, author.id), isNotNull(stories.publishedAt)));
  return Number(row?.n ?? 0) < APPROVED_STORIES_NEEDED;
}
