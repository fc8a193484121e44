import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Newer/older (or previous/next) links for keyset pages; keeps every other query parameter (filters, search). */
export async function Pagination({
  basePath,
  params,
  newer,
  older,
  labels = "time",
}: {
  basePath: string;
  params: URLSearchParams;
  newer: string | null;
  older: string | null;
  /** "time" for newest-first lists (newer/older), "order" for other sort orders (previous/next). */
  labels?: "time" | "order";
}) {
  if (!newer && !older) return null;
  const t = await getTranslations("stories");
  const href = (key: "before" | "after", cursor: string) => {
    const next = new URLSearchParams(params);
    next.delete("before");
    next.delete("after");
    next.set(key, cursor);
    return `${basePath}?${next.toString()}`;
  };
  return (
    <nav aria-label={t("pagination")} className="mt-8 flex justify-between gap-4">
      {newer ? (
        <Link
          href={href("before", newer)}
          rel="prev"
          className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
        >
          ← {labels === "time" ? t("newer") : t("previous")}
        </Link>
      ) : (
        <span />
      )}
      {older ? (
        <Link
          href={href("after", older)}
          rel="next"
          className="rounded border border-stone-400 bg-white px-4 py-2 hover:bg-stone-100"
        >
          {labels === "time" ? t("older") : t("next")} →
        </Link>
      ) : null}
    </nav>
  );
}
