import type { StoryFormValues } from "./schema";

type StoredStory = {
  title: string;
  organisation: string;
  organisationType: string;
  summary: string;
  body: string;
  trigger: string;
  tools: string[];
  language: string;
  startingPoints: { slug: string }[];
};

/** A stored story's fields as the story form sends them: what the edit form starts from. */
export function storyFormValues(story: StoredStory): StoryFormValues {
  return {
    title: story.title,
    organisation: story.organisation,
    organisationType: story.organisationType,
    summary: story.summary,
    body: story.body,
    trigger: story.trigger,
    tools: story.tools.join(", "),
    language: story.language,
    startingPoints: story.startingPoints.map((sp) => sp.slug),
  };
}
