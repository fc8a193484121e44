import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { setStoryRecognitionAction } from "@/lib/model/actions";
import type { StoryRecognitionRow } from "@/lib/model/recognition";
import { PendingButton } from "./forms/pending-button";
import { startingPointColor } from "@/lib/starting-points/color";

/** Per starting point: the author's tag, how many readers recognise it, and the reader's own mark. */
export async function RecognitionPanel({
  storyId,
  storySlug,
  rows,
  viewer,
}: {
  storyId: string;
  storySlug: string;
  rows: StoryRecognitionRow[];
  /** `counts`: a member who cannot mark yet (their address waits for confirmation) sees the counts only. */
  viewer: "anonymous" | "author" | "reader" | "counts";
}) {
  const [t, tFeedback] = await Promise.all([getTranslations("model"), getTranslations("feedback")]);
  return (
    <section
      aria-labelledby="recognition-heading"
      className="space-y-3 rounded-lg border border-stone-200 bg-white p-5"
    >
      <h2 id="recognition-heading" className="text-xl font-semibold">
        {t("recognitionHeading")}
      </h2>
      <p className="text-stone-700">{t("recognitionIntro")}</p>
      <ul className="divide-y divide-stone-200">
        {rows.map((row) => (
          <li key={row.slug} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div>
              {/* Plain text: the story's header already links each tagged starting point. */}
              <span className="font-medium" style={{ color: startingPointColor(row.position) }}>
                {row.name}
              </span>
              <p className="text-sm text-stone-600">
                {row.taggedByAuthor ? (
                  <strong className="font-semibold text-stone-800">{t("taggedByAuthor")}</strong>
                ) : (
                  t("notTagged")
                )}
                {" · "}
                <span data-testid={`readers-${row.slug}`}>
                  {t("readersRecognise", { count: row.readers })}
                </span>
              </p>
            </div>
            {viewer === "reader" ? (
              <form action={setStoryRecognitionAction} className="flex items-center gap-2">
                <input type="hidden" name="storyId" value={storyId} />
                <input type="hidden" name="startingPoint" value={row.slug} />
                <input type="hidden" name="recognised" value={row.mine ? "false" : "true"} />
                {row.mine ? (
                  <span className="text-sm font-medium text-brand-700">✓ {t("recognised")}</span>
                ) : null}
                {/* The name starts with the visible text (WCAG label in name) and says which starting point. */}
                <PendingButton
                  resultId={`recognise-${row.slug}`}
                  doneMessage={tFeedback(row.mine ? "recognised" : "recognitionWithdrawn", {
                    name: row.name,
                  })}
                  aria-label={`${row.mine ? t("withdrawRecognition") : t("recognise")}: ${row.name}`}
                  className={
                    row.mine
                      ? "rounded border border-stone-400 bg-white px-3 py-1.5 text-sm hover:bg-stone-100"
                      : "rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
                  }
                >
                  {row.mine ? t("withdrawRecognition") : t("recognise")}
                </PendingButton>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {viewer === "anonymous" ? (
        <p>
          <Link href={`/signin?callbackUrl=${encodeURIComponent(`/stories/${storySlug}`)}`}>
            {t("signInToRecognise")}
          </Link>
        </p>
      ) : null}
      {viewer === "author" ? <p className="text-sm text-stone-600">{t("authorCannotRecognise")}</p> : null}
    </section>
  );
}
