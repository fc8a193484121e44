import { pickStoryContent, type StoryContent, type StoryFormValues } from "./schema";

type StoredStory = StoryContent & { startingPoints: { slug: string }[] };

/** A stored story's fields as the story form sends them: what the edit form starts from. */
export function storyFormValues(story: StoredStory): StoryFormValues {
  return {
    ...pickStoryContent(story),
    tools: story.tools.join(", "),
    startingPoints: story.startingPoints.map((sp) => sp.slug),
  };
}
