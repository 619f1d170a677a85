ALTER TABLE "grid_cells" ADD COLUMN "pack_id" uuid;--> statement-breakpoint
ALTER TABLE "grids" ADD COLUMN "placement_ids" jsonb;--> statement-breakpoint
ALTER TABLE "grid_cells" ADD CONSTRAINT "grid_cells_pack_id_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."packs"("id") ON DELETE set null ON UPDATE no action;