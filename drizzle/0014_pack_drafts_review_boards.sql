CREATE TABLE "board_packs" (
	"board_id" uuid NOT NULL,
	"pack_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_packs_board_id_pack_id_pk" PRIMARY KEY("board_id","pack_id")
);
--> statement-breakpoint
CREATE TABLE "pack_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"pack_id" uuid NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"assets" jsonb,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "packs" ADD COLUMN "recipe" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "packs" ADD COLUMN "draft" text;--> statement-breakpoint
ALTER TABLE "packs" ADD COLUMN "review_state" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "share_links" ADD COLUMN "pack_id" uuid;--> statement-breakpoint
ALTER TABLE "board_packs" ADD CONSTRAINT "board_packs_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_packs" ADD CONSTRAINT "board_packs_pack_id_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."packs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pack_reviews" ADD CONSTRAINT "pack_reviews_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pack_reviews" ADD CONSTRAINT "pack_reviews_pack_id_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."packs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pack_reviews" ADD CONSTRAINT "pack_reviews_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_packs_pack_idx" ON "board_packs" USING btree ("pack_id");--> statement-breakpoint
CREATE INDEX "pack_reviews_pack_idx" ON "pack_reviews" USING btree ("pack_id","created_at");--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_pack_id_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."packs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generations_pack_idx" ON "generations" USING btree ("pack_id","created_at" DESC NULLS LAST);