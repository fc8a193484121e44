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

/*
 * The story's fields, one list taken from the schema above, in the form's order (the error
 * summary and the diff page follow it too). A new field is added to storySchema and to the
 * stories and story_revisions tables (db/schema.ts); revisions, history, diff, the edit form's
 * values and the labels follow from these lists. Where a field needs its own treatment (its
 * input in components/story-form.tsx, its column in the API or the research export), it is
 * written out there.
 */
export const STORY_FIELDS = storySchema.keyof().options;
export type StoryField = (typeof STORY_FIELDS)[number];

/**
 * The content kept on the story row and copied whole into each revision. Starting points are
 * content too, but live in their own table (story_starting_points), and as slugs in a revision.
 */
export const STORY_CONTENT_FIELDS = STORY_FIELDS.filter(
  (field): field is Exclude<StoryField, "startingPoints"> => field !== "startingPoints",
);
export type StoryContentField = (typeof STORY_CONTENT_FIELDS)[number];

/** A story's content as stored: every field text, tools a list. */
export type StoryContent = Record<Exclude<StoryContentField, "tools">, string> & { tools: string[] };

/** The content fields of anything that has them: a story, a revision, a form's input, or a table's columns. */
export function pickStoryContent<T extends Record<StoryContentField, unknown>>(
  source: T,
): Pick<T, StoryContentField> {
  return storyContentFrom((field) => source[field]) as Pick<T, StoryContentField>;
}

/** Every content field with a value from `valueOf`: the form's empty values, or what a submitted form holds. */
export function storyContentFrom<V>(valueOf: (field: StoryContentField) => V): Record<StoryContentField, V> {
  return Object.fromEntries(STORY_CONTENT_FIELDS.map((field) => [field, valueOf(field)])) as Record<
    StoryContentField,
    V
  >;
}

/** What the form submits, before validation: every field as typed. */
export type StoryFormValues = Record<StoryContentField, string> & { startingPoints: string[] };

export const STORY_INTENTS = ["publish", "draft"] as const;
export type StoryIntent = (typeof STORY_INTENTS)[number];

/**
 * The restore form: which story, which old version to make current, and the story's version
 * when the person looked at the history (a save in between makes the restore a conflict, like
 * an edit).
 */
export const restoreRevisionSchema = z.object({
  storyId: z.string().min(1),
  version: z.coerce.number().int().positive(),
  expectedVersion: z.coerce.number().int().positive(),
});
export type RestoreRevisionInput = z.infer<typeof restoreRevisionSchema>;
