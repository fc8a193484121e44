import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { HistoryEntry } from "@/lib/stories/history";

/** "Saved <date> by <member>": when a version was saved and by whom, linked to their profile. */
export async function SavedBy({ entry }: { entry: HistoryEntry }) {
  const [t, format] = await Promise.all([getTranslations("revisions"), getFormatter()]);
  // With the time: two versions are often saved on the same day.
  const date = format.dateTime(entry.savedAt, { dateStyle: "long", timeStyle: "short" });
  const time = (chunks: React.ReactNode) => <time dateTime={entry.savedAt.toISOString()}>{chunks}</time>;
  const member = entry.savedBy;
  return (
    <p className="text-stone-700">
      {member
        ? t.rich("savedBy", {
            date,
            name: member.name,
            time,
            member: (chunks) => <Link href={`/members/${member.handle}`}>{chunks}</Link>,
          })
        : t.rich("savedByFormer", { date, time })}
    </p>
  );
}
