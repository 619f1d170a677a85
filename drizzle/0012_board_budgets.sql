ALTER TABLE "boards" ADD COLUMN "monthly_budget_usd" double precision;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "board_id" uuid;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generations_board_idx" ON "generations" USING btree ("board_id","created_at" DESC NULLS LAST);