ALTER TABLE "generations" ADD COLUMN "copy" jsonb;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "checks" jsonb;