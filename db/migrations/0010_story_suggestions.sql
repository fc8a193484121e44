CREATE TABLE "story_suggestions" (
	"story_id" text PRIMARY KEY NOT NULL,
	"suggested" text[] NOT NULL,
	"chosen" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "story_suggestions" ADD CONSTRAINT "story_suggestions_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;