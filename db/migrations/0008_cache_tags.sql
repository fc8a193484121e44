CREATE TABLE "cache_tags" (
	"tag" text PRIMARY KEY NOT NULL,
	"expired_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cache_tags_expired_idx" ON "cache_tags" USING btree ("expired_at");