import type { ExportRow } from "./export-rows";

/** The export's fields, in order; recognition columns follow, one per starting point. */
const BASE_COLUMNS = [
  "id",
  "slug",
  "title",
  "organisation",
  "organisation_type",
  "language",
  "published_at",
  "updated_at",
  "author",
  "author_tags",
] as const;

/** RFC 4180 quoting, plus a leading quote for cells a spreadsheet would run as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(slugs: string[], rows: ExportRow[]): string {
  // Translation columns come last, so columns that existed before keep their place.
  const header = [
    ...BASE_COLUMNS,
    ...slugs.map((slug) => `recognised_${slug}`),
    "comment_count",
    "translation_languages",
    "translated_titles",
  ];
  const lines = rows.map((row) =>
    [
      row.id,
      row.slug,
      row.title,
      row.organisation,
      row.organisationType,
      row.language,
      row.publishedAt?.toISOString() ?? null,
      row.updatedAt.toISOString(),
      row.author,
      row.authorTags.join(";"),
      ...slugs.map((slug) => row.recognitions[slug] ?? 0),
      row.commentCount,
      row.translations.map((translation) => translation.language).join(";"),
      row.translations.map((translation) => translation.title).join(";"),
    ]
      .map(csvCell)
      .join(","),
  );
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

export function toJson(slugs: string[], rows: ExportRow[]) {
  return {
    startingPoints: slugs,
    stories: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      organisation: row.organisation,
      organisationType: row.organisationType,
      language: row.language,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
      author: row.author,
      authorTags: row.authorTags,
      recognitions: row.recognitions,
      commentCount: row.commentCount,
      translations: row.translations,
    })),
  };
}
