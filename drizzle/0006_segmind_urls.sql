ALTER TABLE "generations" ADD COLUMN "status_url" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "response_url" text;