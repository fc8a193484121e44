import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { startingPoints, stories, users } from "@/db/schema";
import { published } from "@/lib/stories/query-pieces";
import { translationTitles } from "@/lib/stories/translations";
import { modelEvidence } from "./evidence";

export type ExportRow = {
  id: string;
  slug: string;
  title: string;
  organisation: string;
  organisationType: string;
  language: string;
  publishedAt: Date | null;
  updatedAt: Date;
  author: string | null;
  authorTags: string[];
  recognitions: Record<string, number>;
  commentCount: number;
  /** The author's translations (decision 030): language and title of each. */
  translations: { language: string; title: string }[];
};

/** One row per published story, public fields only: display names, never emails. */
export async function exportRows(): Promise<{ slugs: string[]; rows: ExportRow[] }> {
  const db = await getDb();
  const [spRows, storyRows, evidence] = await Promise.all([
    db.select({ slug: startingPoints.slug }).from(startingPoints).orderBy(asc(startingPoints.position)),
    db
      .select({
        id: stories.id,
        slug: stories.slug,
        title: stories.title,
        organisation: stories.organisation,
        organisationType: stories.organisationType,
        language: stories.language,
        publishedAt: stories.publishedAt,
        updatedAt: stories.updatedAt,
        author: users.name,
        commentCount: stories.commentCount,
      })
      .from(stories)
      .leftJoin(users, eq(users.id, stories.authorId))
      .where(published())
      .orderBy(asc(stories.publishedAt), asc(stories.id)),
    modelEvidence("en"),
  ]);
  const slugs = spRows.map((row) => row.slug);
  const byId = new Map(evidence.stories.map((s) => [s.storyId, s]));
  const translated = await translationTitles(storyRows.map((row) => row.id));
  return {
    slugs,
    rows: storyRows.map((row) => {
      const found = byId.get(row.id);
      const authorTags = slugs.filter((slug) => found?.authorTags.includes(slug));
      const recognitions = Object.fromEntries(slugs.map((slug) => [slug, found?.recognitions[slug] ?? 0]));
      return { ...row, authorTags, recognitions, translations: translated.get(row.id) ?? [] };
    }),
  };
}
