ALTER TABLE "generations" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "last_worker" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "hold_reason" text;--> statement-breakpoint
CREATE INDEX "generations_due_idx" ON "generations" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "generations_user_idempotency_idx" ON "generations" USING btree ("user_id","idempotency_key");