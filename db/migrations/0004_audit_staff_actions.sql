ALTER TYPE "public"."moderation_action" ADD VALUE 'edit';--> statement-breakpoint
ALTER TYPE "public"."moderation_action" ADD VALUE 'decide_proposal';