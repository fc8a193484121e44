import type { StoryCard as StoryCardData } from "@/lib/stories/queries";
import { StoryCard } from "./story-card";

export function StoryList({
  stories,
  headingLevel = 3,
  snippets,
}: {
  stories: StoryCardData[];
  headingLevel?: 2 | 3;
  /** Search passages by story id, when the list answers a search. */
  snippets?: Map<string, string>;
}) {
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {stories.map((story) => (
        <li key={story.id}>
          <StoryCard story={story} headingLevel={headingLevel} snippet={snippets?.get(story.id)} />
        </li>
      ))}
    </ul>
  );
}
