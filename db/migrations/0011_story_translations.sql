CREATE TABLE "story_translation_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"story_id" text NOT NULL,
	"language" "language" NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"trigger" text NOT NULL,
	"saved_by_id" text,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_translations" (
	"story_id" text NOT NULL,
	"language" "language" NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"trigger" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (
        setweight(to_tsvector(CASE WHEN "story_translations"."language" = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, coalesce("story_translations"."title", '')), 'A') ||
        setweight(to_tsvector(CASE WHEN "story_translations"."language" = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, coalesce("story_translations"."summary", '')), 'B') ||
        setweight(to_tsvector(CASE WHEN "story_translations"."language" = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END, coalesce("story_translations"."body", '')), 'C')) STORED,
	CONSTRAINT "story_translations_story_id_language_pk" PRIMARY KEY("story_id","language")
);
--> statement-breakpoint
ALTER TABLE "story_translation_revisions" ADD CONSTRAINT "story_translation_revisions_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_translation_revisions" ADD CONSTRAINT "story_translation_revisions_saved_by_id_users_id_fk" FOREIGN KEY ("saved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_translations" ADD CONSTRAINT "story_translations_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "story_translation_revisions_version_idx" ON "story_translation_revisions" USING btree ("story_id","language","version");--> statement-breakpoint
CREATE INDEX "story_translations_search_idx" ON "story_translations" USING gin ("search_vector");