import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import type { ModelId, Transport } from "../segmind/catalog";
import type { RecipeParams } from "../segmind/schema";
import type { WorkspaceRole } from "../workspaces/roles";
import type { ReviewState } from "../review/states";
import type { PackDraft } from "../placements";
import type { CopyFields } from "../copy";
import type { Checks } from "../checks/findings";
import type { KitColour, KitImage } from "../brand-kits/compose";

/** How a generation came from another: its detail page links back ("from …"). */
export type SourceKind = "reproduce" | "vary" | "retry" | "finalise" | "fix";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** bcrypt hash; null for accounts that only sign in through single sign-on. */
  passwordHash: text("password_hash"),
  /** The instance's first account is its admin: it sets the sign-up policy and can disable accounts. */
  role: text("role").$type<UserRole>().notNull().default("member"),
  /** A disabled account cannot sign in, and its sessions and tokens stop working at once. */
  disabledAt: timestamp("disabled_at", { withTimezone: true }),
  /**
   * Every session carries the version it was issued under; sign-out, a password change and disabling bump
   * it, so a copied cookie stops working at the next request instead of living out its 30 days.
   */
  sessionVersion: integer("session_version").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const USER_ROLES = ["admin", "member"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Where work lives. Every user has a personal workspace, made with the account, whose id is the user's own id
 * (so "my workspace" needs no lookup and moving existing data into it was a plain copy of ids); team
 * workspaces are made by their owners. Images, uploads, boards, share links and tokens belong to one.
 */
export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** The user whose personal workspace this is (its id is theirs too); null for a team workspace. */
  personalOf: uuid("personal_of")
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  /** What the workspace may spend on Segmind in a calendar month (UTC), in US dollars; null: no cap. */
  monthlyBudgetUsd: doublePrecision("monthly_budget_usd"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export { WORKSPACE_ROLES, type WorkspaceRole } from "../workspaces/roles";

export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<WorkspaceRole>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("workspace_members_user_idx").on(t.userId)],
);

export type Workspace = typeof workspaces.$inferSelect;

/**
 * A link that lets whoever holds it join a team workspace in one role: single use, 7 days, revocable.
 * Only a SHA-256 of its token is kept; the link is shown once, to the owner who made it.
 */
export const workspaceInvites = pgTable(
  "workspace_invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    role: text("role").$type<WorkspaceRole>().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedBy: uuid("used_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("workspace_invites_workspace_idx").on(t.workspaceId)],
);
export type WorkspaceInvite = typeof workspaceInvites.$inferSelect;

/** The workspace a row belongs to. */
const workspaceColumn = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

export type { RecipeParams } from "../segmind/schema";

export interface ReferenceRef {
  uploadId: string;
  sha256: string;
}

export { REVIEW_STATES, type ReviewState } from "../review/states";

export const GENERATION_STATUSES = ["queued", "processing", "completed", "failed"] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

export const generations = pgTable(
  "generations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: workspaceColumn(),
    model: text("model").$type<ModelId>().notNull(),
    transport: text("transport").$type<Transport>().notNull(),
    params: jsonb("params").$type<RecipeParams>().notNull(),
    prompt: text("prompt").notNull(),
    seed: integer("seed").notNull(),
    aspectRatio: text("aspect_ratio").notNull(),
    references: jsonb("references")
      .$type<ReferenceRef[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    status: text("status").$type<GenerationStatus>().notNull().default("queued"),
    upstreamStatus: text("upstream_status"),
    requestId: text("request_id"),
    /** Where Segmind said to ask about this job and fetch its result (already checked against the allowed origins). */
    statusUrl: text("status_url"),
    responseUrl: text("response_url"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    mayHaveBeenCharged: boolean("may_have_been_charged").notNull().default(false),
    textOutput: text("text_output"),
    inferenceTime: doublePrecision("inference_time"),
    estimatedCostUsd: doublePrecision("estimated_cost_usd").notNull(),
    remainingCredits: doublePrecision("remaining_credits"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** When Segmind was last asked about this job: two workers' polls closer together than 100 ms are coalesced. */
    lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
    /** Status calls made for this job (what the poll plan's budget counts). */
    statusCalls: integer("status_calls").notNull().default(0),
    /** Segmind's latency for this job as we saw it: submit to the middle of the last two polls. Teaches the poll plan. */
    upstreamMs: integer("upstream_ms"),
    /** One per Generate click: a repeated click, resubmitted form or retried action finds the same row. */
    idempotencyKey: text("idempotency_key"),
    /** The worker's schedule: when this job is next due, and who holds it until when. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    /** The instance that last took a step of this job: for operators, and to show instances share work. */
    lastWorker: text("last_worker"),
    /** Why a queued job is still waiting in our queue (a limit, Segmind's rate limit), shown on its card. */
    holdReason: text("hold_reason"),
    /** The images of one run share a batch: same recipe, one seed each. */
    batchId: uuid("batch_id"),
    batchIndex: integer("batch_index").notNull().default(0),
    /** The image this one was reproduced, varied or retried from (kept when that one is deleted: then null). */
    sourceId: uuid("source_id").references((): AnyPgColumn => generations.id, { onDelete: "set null" }),
    sourceKind: text("source_kind").$type<SourceKind>(),
    favorite: boolean("favorite").notNull().default(false),
    /** Where the image stands in review (lib/review): draft → in review → approved | changes requested. */
    reviewState: text("review_state").$type<ReviewState>().notNull().default("draft"),
    /** The placement pack this generation is a source of. */
    packId: uuid("pack_id").references((): AnyPgColumn => packs.id, { onDelete: "set null" }),
    /** The board (campaign) this run was made for: added to it at once, and counted against its cap. */
    boardId: uuid("board_id").references((): AnyPgColumn => boards.id, { onDelete: "set null" }),
    /** The creative this image is a version of: the first version's id (a vary or reproduce keeps its source's). */
    creativeId: uuid("creative_id"),
    /** The ad copy asked for (composed into the prompt) and its language: what the checks hold the image to. */
    copy: jsonb("copy").$type<CopyFields>(),
    language: text("language").notNull().default("en"),
    /** The brand kit the run was made with, and which version of it: what the checks hold the image to. */
    brandKitId: uuid("brand_kit_id").references((): AnyPgColumn => brandKits.id, { onDelete: "set null" }),
    brandKitVersion: integer("brand_kit_version"),
    /** What reading the image back found (lib/checks); null when there was nothing to check. */
    checks: jsonb("checks").$type<Checks>(),
    /** Hidden from the queue panel by its owner; the job still runs and is kept. */
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }),
    /** Prompt words for full-text search, kept by PostgreSQL itself. */
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('english', prompt)`),
  },
  (t) => [
    index("generations_search_idx").using("gin", t.search),
    // The gallery's order, keyset included: a page is an index range scan, not a sort of every image.
    index("generations_gallery_idx")
      .on(t.workspaceId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`status = 'completed'`),
    index("generations_workspace_favorite_idx")
      .on(t.workspaceId, t.createdAt.desc())
      .where(sql`favorite`),
    index("generations_review_idx")
      .on(t.workspaceId, t.reviewState)
      .where(sql`review_state <> 'draft'`),
    index("generations_creative_idx").on(t.creativeId),
    index("generations_board_idx").on(t.boardId, t.createdAt.desc()),
    index("generations_pack_idx").on(t.packId, t.createdAt.desc()),
    index("generations_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("generations_workspace_created_idx").on(t.workspaceId, t.createdAt.desc()),
    index("generations_status_idx").on(t.status),
    // The poll plan's history: the latest measured latencies of a model.
    index("generations_latency_history_idx")
      .on(t.model, t.completedAt.desc())
      .where(sql`${t.upstreamMs} is not null`),
    index("generations_due_idx").on(t.nextAttemptAt),
    uniqueIndex("generations_user_idempotency_idx").on(t.userId, t.idempotencyKey),
  ],
);

export const images = pgTable(
  "images",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    storageKey: text("storage_key").notNull(),
    thumbKey: text("thumb_key").notNull(),
    contentType: text("content_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("images_generation_idx").on(t.generationId), index("images_user_idx").on(t.userId)],
);

/** Reference images a user uploaded (or picked from their gallery). */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: workspaceColumn(),
    fileName: text("file_name").notNull(),
    storageKey: text("storage_key").notNull(),
    contentType: text("content_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("uploads_user_idx").on(t.userId), index("uploads_workspace_idx").on(t.workspaceId)],
);

export type User = typeof users.$inferSelect;
export type Generation = typeof generations.$inferSelect;
export type Image = typeof images.$inferSelect;
export type Upload = typeof uploads.$inferSelect;

/**
 * Failed sign-ins, one row per failure and throttle key (`pair:<email>|<client>`, `account:<email>`,
 * `client:<address>`), kept briefly so guessing is slowed down; see lib/auth/throttle.ts.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failures_key_idx").on(t.key, t.createdAt)],
);

/** Instance-wide settings the admin changes on /admin; one row (id 1). */
export const instanceSettings = pgTable("instance_settings", {
  id: integer("id").primaryKey().default(1),
  /** `open`, `invite` or `domains:a.com,b.com`; see lib/auth/signup-policy.ts. */
  signupPolicy: text("signup_policy").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use sign-up links the admin hands out: the only way in under the `invite` policy. */
export const signupInvites = pgTable(
  "signup_invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** SHA-256 of the token in the link: the link itself is shown once. */
    tokenHash: text("token_hash").notNull().unique(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedBy: uuid("used_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("signup_invites_created_idx").on(t.createdAt)],
);
export type SignupInvite = typeof signupInvites.$inferSelect;

/** A user's named collection of images; an image can be on several boards. */
export const boards = pgTable(
  "boards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: workspaceColumn(),
    name: text("name").notNull(),
    /** A campaign's own monthly cap (USD), over the runs made for it; null: only the workspace's applies. */
    monthlyBudgetUsd: doublePrecision("monthly_budget_usd"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("boards_user_idx").on(t.userId), index("boards_workspace_idx").on(t.workspaceId)],
);

export const boardItems = pgTable(
  "board_items",
  {
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.generationId] }), index("board_items_generation_idx").on(t.generationId)],
);

/**
 * A public link to one image, board or pack. The token is the only key to it (192 random bits); revoking
 * keeps the row so the owner sees the link existed, and the page answers 404 from then on.
 */
export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: workspaceColumn(),
    token: text("token").notNull().unique(),
    generationId: uuid("generation_id").references(() => generations.id, { onDelete: "cascade" }),
    boardId: uuid("board_id").references(() => boards.id, { onDelete: "cascade" }),
    packId: uuid("pack_id").references((): AnyPgColumn => packs.id, { onDelete: "cascade" }),
    /** A board shared "approved only" shows (and zips) only its approved images, whatever is added later. */
    approvedOnly: boolean("approved_only").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("share_links_generation_idx").on(t.generationId), index("share_links_board_idx").on(t.boardId)],
);

/** Personal access tokens for the JSON API. Only a SHA-256 of the token is kept; it is shown once. */
export const accessTokens = pgTable(
  "access_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The workspace the token acts in (with its user's role there). */
    workspaceId: workspaceColumn(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters, so the owner can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("access_tokens_user_idx").on(t.userId)],
);

export type Board = typeof boards.$inferSelect;
export type ShareLink = typeof shareLinks.$inferSelect;
export type AccessToken = typeof accessTokens.$inferSelect;

/**
 * Review decisions and hand-offs, one row each: sent for review, approved (with the SHA-256 of the exact file
 * that was approved, read from storage at that moment), changes requested. Never updated: the history.
 */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").$type<"submitted" | "approved" | "changes_requested">().notNull(),
    /** For an approval: the SHA-256 of the file approved (hex). */
    fileSha256: text("file_sha256"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("reviews_generation_idx").on(t.generationId, t.createdAt)],
);
export type Review = typeof reviews.$inferSelect;

/** Comments on an image: plain text, editable by their author for five minutes. */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [index("comments_generation_idx").on(t.generationId, t.createdAt)],
);
export type Comment = typeof comments.$inferSelect;

/** What happened in a workspace and who did it (lib/audit): shown to its owners, exported as CSV. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    /** What it was done to, in words a person reads ("image 3f2a…", "mara@example.com", "board Spring"). */
    subject: text("subject").notNull().default(""),
    detail: jsonb("detail")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_events_workspace_idx").on(t.workspaceId, t.createdAt.desc())],
);
export type AuditEvent = typeof auditEvents.$inferSelect;

/**
 * A placement pack: one brief made for several ad placements — one generation per distinct model ratio
 * (`generations.pack_id`), and one asset per placement derived from its source (lib/packs).
 */
export const packs = pgTable(
  "packs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    model: text("model").$type<ModelId>().notNull(),
    prompt: text("prompt").notNull(),
    placementIds: jsonb("placement_ids").$type<string[]>().notNull(),
    /** The recipe as asked (final model, references, every setting): Finalise and own generations start from it. */
    recipe: jsonb("recipe").$type<Record<string, unknown>>().notNull().default({}),
    /** How it was drafted (Lite, or Nano Banana 2 at 512px) before Finalise; null: made final at once. */
    draft: text("draft").$type<PackDraft>(),
    /** Reviewed as one: an approval records the SHA-256 of every asset's file (pack_reviews). */
    reviewState: text("review_state").$type<ReviewState>().notNull().default("draft"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("packs_workspace_idx").on(t.workspaceId, t.createdAt.desc())],
);
export type Pack = typeof packs.$inferSelect;

export const ASSET_STATUSES = ["waiting", "ready", "failed"] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

/** One placement's file of a pack: derived from its source generation, re-derived when its crop moves. */
export const packAssets = pgTable(
  "pack_assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    packId: uuid("pack_id")
      .notNull()
      .references(() => packs.id, { onDelete: "cascade" }),
    placementId: text("placement_id").notNull(),
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    status: text("status").$type<AssetStatus>().notNull().default("waiting"),
    /** How it is made from its source: crop (attention, a focal point or a drawn box) or pad. */
    fill: jsonb("fill")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{"mode":"crop"}'::jsonb`),
    /** The crop box used, in source pixels (null when padded). */
    cropBox: jsonb("crop_box").$type<{ left: number; top: number; width: number; height: number } | null>(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    format: text("format"),
    bytes: integer("bytes"),
    sha256: text("sha256"),
    storageKey: text("storage_key"),
    error: text("error"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("pack_assets_placement_idx").on(t.packId, t.placementId), index("pack_assets_generation_idx").on(t.generationId)],
);
export type PackAsset = typeof packAssets.$inferSelect;

/** A pack's review history; an approval holds the SHA-256 of each asset's exact file, by placement id. */
export const packReviews = pgTable(
  "pack_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    packId: uuid("pack_id")
      .notNull()
      .references(() => packs.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").$type<"submitted" | "approved" | "changes_requested" | "reopened">().notNull(),
    assets: jsonb("assets").$type<Record<string, string>>(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pack_reviews_pack_idx").on(t.packId, t.createdAt)],
);

/** Packs put on a board (campaign), beside its images. */
export const boardPacks = pgTable(
  "board_packs",
  {
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    packId: uuid("pack_id")
      .notNull()
      .references(() => packs.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.packId] }), index("board_packs_pack_idx").on(t.packId)],
);

/**
 * A workspace's brand kit (lib/brand-kits). What it holds lives in its versions: an edit adds one, and a run
 * records the version it was made with, so an image is always judged by the kit as it was.
 */
export const brandKits = pgTable(
  "brand_kits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    /** The current version's name, for lists. */
    name: text("name").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("brand_kits_workspace_idx").on(t.workspaceId, t.name)],
);
export type BrandKit = typeof brandKits.$inferSelect;

export const brandKitVersions = pgTable(
  "brand_kit_versions",
  {
    kitId: uuid("kit_id")
      .notNull()
      .references(() => brandKits.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    palette: jsonb("palette").$type<KitColour[]>().notNull(),
    /** Look and voice, added to the prompt. */
    style: text("style").notNull(),
    /** The legal line every creative must carry ("" when none). */
    legal: text("legal").notNull(),
    banned: jsonb("banned").$type<string[]>().notNull(),
    /** Logos and product shots (uploads), attached to runs as references. */
    images: jsonb("images").$type<KitImage[]>().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kitId, t.version] })],
);
export type BrandKitVersion = typeof brandKitVersions.$inferSelect;

/**
 * A variable grid (lib/grids): a template recipe with `{{variables}}` and a table of variants, one generation per
 * row (grid_cells). The template and the columns are kept as sent, to show and export the grid by.
 */
export const grids = pgTable(
  "grids",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    template: jsonb("template").$type<Record<string, unknown>>().notNull(),
    columns: jsonb("columns").$type<string[]>().notNull(),
    rowCount: integer("row_count").notNull(),
    /** Placements as columns (issue "Placement packs"): each row is then a pack of them; null: one image per row. */
    placementIds: jsonb("placement_ids").$type<string[]>(),
    /** One per Run click: a retried request finds the grid it made. */
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("grids_workspace_idx").on(t.workspaceId, t.createdAt.desc()), uniqueIndex("grids_idempotency_idx").on(t.workspaceId, t.idempotencyKey)],
);
export type Grid = typeof grids.$inferSelect;

/** One variant of a grid: its row of the table (numbered as a spreadsheet shows it) and the generation made for it. */
export const gridCells = pgTable(
  "grid_cells",
  {
    gridId: uuid("grid_id")
      .notNull()
      .references(() => grids.id, { onDelete: "cascade" }),
    row: integer("row").notNull(),
    values: jsonb("values").$type<Record<string, string>>().notNull(),
    /** The cell's current generation (a retry replaces a failed one; the failed one is kept as its source). */
    generationId: uuid("generation_id").references(() => generations.id, { onDelete: "set null" }),
    /** With placements: the row's pack, one asset per placement. */
    packId: uuid("pack_id").references((): AnyPgColumn => packs.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.gridId, t.row] }), index("grid_cells_generation_idx").on(t.generationId)],
);

/**
 * Requests to Segmind in flight or recently started, for the whole deployment: every instance claims a row
 * before calling, so the concurrency cap and the key's requests a minute hold across hosts (lib/jobs/limits.ts).
 * A row whose lease ran out belongs to an instance that died mid-call and no longer counts as in flight.
 */
export const upstreamCalls = pgTable(
  "upstream_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    holder: text("holder").notNull(),
    /** Generation and upload POSTs count toward the key's requests a minute; status and result GETs do not. */
    rateLimited: boolean("rate_limited").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("upstream_calls_started_idx").on(t.startedAt)],
);
