CREATE TABLE "pack_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pack_id" uuid NOT NULL,
	"placement_id" text NOT NULL,
	"generation_id" uuid NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"fill" jsonb DEFAULT '{"mode":"crop"}'::jsonb NOT NULL,
	"crop_box" jsonb,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"format" text,
	"bytes" integer,
	"sha256" text,
	"storage_key" text,
	"error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "packs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"model" text NOT NULL,
	"prompt" text NOT NULL,
	"placement_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "pack_id" uuid;--> statement-breakpoint
ALTER TABLE "pack_assets" ADD CONSTRAINT "pack_assets_pack_id_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."packs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pack_assets" ADD CONSTRAINT "pack_assets_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packs" ADD CONSTRAINT "packs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "packs" ADD CONSTRAINT "packs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pack_assets_placement_idx" ON "pack_assets" USING btree ("pack_id","placement_id");--> statement-breakpoint
CREATE INDEX "pack_assets_generation_idx" ON "pack_assets" USING btree ("generation_id");--> statement-breakpoint
CREATE INDEX "packs_workspace_idx" ON "packs" USING btree ("workspace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_pack_id_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."packs"("id") ON DELETE set null ON UPDATE no action;