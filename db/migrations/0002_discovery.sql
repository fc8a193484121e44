ALTER TABLE "stories" ADD COLUMN "recognition_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "stories_tools_idx" ON "stories" USING gin ("tools");--> statement-breakpoint
CREATE INDEX "stories_discussed_idx" ON "stories" USING btree ("comment_count" DESC NULLS LAST,"published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "stories"."status" = 'published';--> statement-breakpoint
CREATE INDEX "stories_recognised_idx" ON "stories" USING btree ("recognition_count" DESC NULLS LAST,"published_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "stories"."status" = 'published';--> statement-breakpoint
UPDATE "stories" SET "recognition_count" = (SELECT count(DISTINCT "user_id") FROM "story_recognitions" WHERE "story_recognitions"."story_id" = "stories"."id");
