import { z } from "../validation/zod";
import { LANGUAGES, ORGANISATION_TYPES } from "../constants/vocabulary";

export const TITLE_MIN = 5;
export const TITLE_MAX = 150;
export const ORGANISATION_MIN = 2;
export const ORGANISATION_MAX = 120;
export const SUMMARY_MAX = 300;
export const BODY_MIN = 50; // Enough for a story, not a one-liner.
export const BODY_MAX = 20_000;
export const TRIGGER_MAX = 500;
export const STARTING_POINTS_MIN = 1;
export const STARTING_POINTS_MAX = 4;
export const TOOL_MAX = 40;
export const TOOLS_MAX = 20;


/** "Yammer, blog,  WhatsApp, blog" → ["Yammer", "blog", "WhatsApp"]: the form takes a free list. */
export function parseTools(input: string): string[] {
  const seen = new Set<string>();
  const tools: string[] = [];
  for (const raw of input.split(/[,;\n]/)) {
    const tool = raw.trim().replace(/\s+/g, " ");
    if (!tool || seen.has(tool.toLowerCase())) continue;
    seen.add(tool.toLowerCase());
    tools.push(tool);
  }
  return tools;
}

export const storySchema = z.object({
  title: z.string().trim().min(TITLE_MIN).max(TITLE_MAX),
  organisation: z.string().trim().min(ORGANISATION_MIN).max(ORGANISATION_MAX),
  organisationType: z.enum(ORGANISATION_TYPES),
  summary: z.string().trim().max(SUMMARY_MAX),
  body: z.string().trim().min(BODY_MIN).max(BODY_MAX),
  trigger: z.string().trim().max(TRIGGER_MAX),
  tools: z
    .string()
    .max(TOOLS_MAX * (TOOL_MAX + 2))
    .transform(parseTools)
    .pipe(z.array(z.string().max(TOOL_MAX)).max(TOOLS_MAX)),
  language: z.enum(LANGUAGES),
  startingPoints: z
    .array(z.string().min(1))
    .min(STARTING_POINTS_MIN)
    .max(STARTING_POINTS_MAX)
    .transform((slugs) => [...new Set(slugs)]),
});
export type StoryInput = z.infer<typeof storySchema>;

/*
 * A draft is saved once it has a title: the rest may still be unfinished (a short body, no
 * starting point yet) and is checked when the story is published. The limits that protect the
 * database (lengths, known values) hold for drafts too. The organisation type column cannot be
 * empty: a draft without one is kept as "other" until the author chooses.
 */
export const storyDraftSchema = storySchema.extend({
  organisation: z.string().trim().max(ORGANISATION_MAX),
  organisationType: z.union([z.enum(ORGANISATION_TYPES), z.literal("").transform(() => "other" as const)]),
  body: z.string().trim().max(BODY_MAX),
  startingPoints: z
    .array(z.string().min(1))
    .max(STARTING_POINTS_MAX)
    .transform((slugs) => [...new Set(slugs)]),
});

/** The story form's rules follow the button pressed: "Save draft" or "Publish" (intent). */
export const storyFormSchema = z.discriminatedUnion("intent", [
  storySchema.extend({ intent: z.literal("publish") }),
  storyDraftSchema.extend({ intent: z.literal("draft") }),
]);

export function storySchemaFor(intent: StoryIntent) {
  return intent === "draft" ? storyDraftSchema : storySchema;
}

/** What the form submits, before validation: every field as typed. */
export type StoryFormValues = {
  title: string;
  organisation: string;
  organisationType: string;
  summary: string;
  body: string;
  trigger: string;
  tools: string;
  language: string;
  startingPoints: string[];
};

export const STORY_INTENTS = ["publish", "draft"] as const;
export type StoryIntent = (typeof STORY_INTENTS)[number];
