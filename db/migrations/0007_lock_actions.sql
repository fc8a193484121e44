ALTER TYPE "public"."moderation_action" ADD VALUE 'lock';--> statement-breakpoint
ALTER TYPE "public"."moderation_action" ADD VALUE 'unlock';