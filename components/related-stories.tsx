import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { RelatedStory } from "@/lib/model/suggest";
import { startingPointColor } from "@/lib/starting-points/color";

/** The story page's related stories (decision 026): nothing at all when there are none. */
export async function RelatedStories({ stories }: { stories: RelatedStory[] }) {
  if (stories.length === 0) return null;
  const t = await getTranslations("relatedStories");
  return (
    <section aria-labelledby="related-heading" className="space-y-3">
      <h2 id="related-heading" className="text-2xl font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-stone-600">{t("intro")}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {stories.map((story) => (
          <li key={story.slug} className="rounded-lg border border-stone-200 bg-white p-4">
            <Link href={`/stories/${story.slug}`} className="font-semibold" lang={story.language}>
              {story.title}
            </Link>
            <p className="text-sm text-stone-600">{story.organisation}</p>
            {story.startingPoints.length > 0 ? (
              <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm">
                {story.startingPoints.map((sp) => (
                  <li
                    key={sp.slug}
                    className="border-l-4 pl-1.5 text-stone-700"
                    style={{ borderLeftColor: startingPointColor(sp.position) }}
                  >
                    {sp.name}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
