ALTER TABLE "generations" ADD COLUMN "status_calls" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "upstream_ms" integer;--> statement-breakpoint
CREATE INDEX "generations_latency_history_idx" ON "generations" USING btree ("model","completed_at" DESC NULLS LAST) WHERE "generations"."upstream_ms" is not null;