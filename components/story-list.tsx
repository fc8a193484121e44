import { getReaderLocale } from "@/lib/i18n/server";
import type { StoryCard as StoryCardData } from "@/lib/stories/cards";
import { inReaderLanguage } from "@/lib/stories/translation-reads";
import { StoryCard } from "./story-card";

export async function StoryList({
  stories,
  headingLevel = 3,
  snippets,
}: {
  stories: StoryCardData[];
  headingLevel?: 2 | 3;
  /** Search passages by story id, when the list answers a search. */
  snippets?: Map<string, string>;
}) {
  // Each card in the reader's language where its author translated it (decision 030).
  const readable = await inReaderLanguage(stories, await getReaderLocale());
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {readable.map((story) => (
        <li key={story.id}>
          <StoryCard story={story} headingLevel={headingLevel} snippet={snippets?.get(story.id)} />
        </li>
      ))}
    </ul>
  );
}
