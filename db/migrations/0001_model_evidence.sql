CREATE TYPE "public"."proposal_status" AS ENUM('open', 'accepted', 'merged', 'declined');--> statement-breakpoint
CREATE TABLE "organisation_recognitions" (
	"id" text PRIMARY KEY NOT NULL,
	"starting_point_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"proposal_id" text NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "proposal_stories" (
	"proposal_id" text NOT NULL,
	"story_id" text NOT NULL,
	CONSTRAINT "proposal_stories_proposal_id_story_id_pk" PRIMARY KEY("proposal_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_supports" (
	"proposal_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_supports_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "starting_point_proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"proposer_id" text,
	"name" text NOT NULL,
	"explanation" text NOT NULL,
	"status" "proposal_status" DEFAULT 'open' NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"decision_reason" text DEFAULT '' NOT NULL,
	"decided_by_id" text,
	"decided_at" timestamp with time zone,
	"resulting_starting_point_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_recognitions" (
	"story_id" text NOT NULL,
	"user_id" text NOT NULL,
	"starting_point_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_recognitions_story_id_user_id_starting_point_id_pk" PRIMARY KEY("story_id","user_id","starting_point_id")
);
--> statement-breakpoint
ALTER TABLE "organisation_recognitions" ADD CONSTRAINT "organisation_recognitions_starting_point_id_starting_points_id_fk" FOREIGN KEY ("starting_point_id") REFERENCES "public"."starting_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_recognitions" ADD CONSTRAINT "organisation_recognitions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_proposal_id_starting_point_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."starting_point_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_stories" ADD CONSTRAINT "proposal_stories_proposal_id_starting_point_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."starting_point_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_stories" ADD CONSTRAINT "proposal_stories_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_proposal_id_starting_point_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."starting_point_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supports" ADD CONSTRAINT "proposal_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "starting_point_proposals" ADD CONSTRAINT "starting_point_proposals_proposer_id_users_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "starting_point_proposals" ADD CONSTRAINT "starting_point_proposals_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "starting_point_proposals" ADD CONSTRAINT "starting_point_proposals_resulting_starting_point_id_starting_points_id_fk" FOREIGN KEY ("resulting_starting_point_id") REFERENCES "public"."starting_points"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_recognitions" ADD CONSTRAINT "story_recognitions_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_recognitions" ADD CONSTRAINT "story_recognitions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_recognitions" ADD CONSTRAINT "story_recognitions_starting_point_id_starting_points_id_fk" FOREIGN KEY ("starting_point_id") REFERENCES "public"."starting_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_recognitions_sp_user_idx" ON "organisation_recognitions" USING btree ("starting_point_id","user_id");--> statement-breakpoint
CREATE INDEX "organisation_recognitions_sp_created_idx" ON "organisation_recognitions" USING btree ("starting_point_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "proposal_comments_proposal_idx" ON "proposal_comments" USING btree ("proposal_id","created_at","id");--> statement-breakpoint
CREATE INDEX "proposals_status_created_idx" ON "starting_point_proposals" USING btree ("status","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "story_recognitions_story_sp_idx" ON "story_recognitions" USING btree ("story_id","starting_point_id");--> statement-breakpoint
CREATE INDEX "story_recognitions_sp_idx" ON "story_recognitions" USING btree ("starting_point_id");