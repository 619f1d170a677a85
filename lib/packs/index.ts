import "server-only";
/**
 * Placement packs: one brief, every placement. A pack is one run of one generation per distinct model ratio
 * (same recipe and seed; normal generations in the gallery), plus one asset per placement derived from its
 * source once that generation is stored (the worker's finish step calls `derivePackAssets`; reading a pack
 * derives anything left waiting, after a restart). Moving an asset's crop derives it again and never calls
 * Segmind. Exported as a zip laid out by platform with a manifest.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { zipSync, type Zippable } from "fflate";
import { getDb, type Db } from "../db";
import { generations, images, packAssets, packs, type Generation, type Pack, type PackAsset } from "../db/schema";
import { createRuns, randomSeed, type BatchResult, type Admit } from "../generations";
import { isUuid } from "../ids";
import {
  FINAL_MODEL,
  PACK_DRAFTS,
  cropLoss,
  smallestTier,
  isPackDraft,
  planPack,
  placementById,
  resolvePlacements,
  type PackDraft,
  type PackPlan,
} from "../placements";
import type { KeepOut } from "../placements/catalog";
import { decodeSource, deriveAsset, type CropBox, type DecodedSource, type Fill } from "../placements/derive";
import { recipeSchema, fieldErrors } from "../segmind/schema";
import { kitVersion } from "../brand-kits";
import { MODELS, RESOLUTIONS, isModelId, outputSize, type FixedAspectRatio, type ModelId, type Resolution } from "../segmind/catalog";
import { getStorage } from "../storage";
import { toCsv } from "../csv";
import type { ReviewState } from "../review/states";
import { frameMapper, keepOutFinding, type CheckStatus, type Checks, type Finding } from "../checks/findings";
import { packReviewHistory, reopenApproved } from "./review";
import { refusal, type Actor, type Scope } from "../workspaces/actor";

export type PackResult =
  { ok: true; pack: PackView; duplicate: boolean } | { ok: false; error: string; status: number; fieldErrors?: Record<string, string>; budget?: unknown };

/**
 * Makes a pack from a recipe and `placements` (ids) and/or `presets` (names): the plan's generations in one run
 * (all or none, under the budget checks), and an asset row per placement waiting for its source.
 */
export async function createPack(
  actor: Actor,
  body: Record<string, unknown>,
  { idempotencyKey, admit }: { idempotencyKey?: string; admit?: Admit } = {},
): Promise<PackResult> {
  const { placements: ids, presets, draft, ...asked } = body;
  const recipe = await withKitVersion(actor, asked);
  const { placements, unknown } = resolvePlacements({ placements: ids, presets });
  if (unknown.length) return { ok: false, status: 400, error: `Unknown placements: ${unknown.join(", ")}. GET /api/v1/placements lists them.` };
  if (placements.length === 0) return { ok: false, status: 400, error: "Choose at least one placement or preset." };
  const model = recipe.model;
  if (!isModelId(model)) {
    const parsed = recipeSchema.safeParse(recipe);
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    return { ok: false, status: 400, error: Object.values(errors)[0] ?? "Choose a model.", fieldErrors: errors };
  }
  if (draft !== undefined && draft !== null && !isPackDraft(draft))
    return { ok: false, status: 400, error: 'draft: "lite" or "512px", or leave it out for a final pack.', fieldErrors: { draft: "Unknown draft." } };
  if (draft && model !== FINAL_MODEL)
    return {
      ok: false,
      status: 400,
      error: `A draft is finalised with ${MODELS[FINAL_MODEL].name}: choose it as the model.`,
      fieldErrors: { model: "Drafts finalise with Nano Banana 2." },
    };
  const plan = planPack(placements, model);
  // One seed for every ratio: the same composition, reshaped.
  const seed = typeof recipe.seed === "number" ? recipe.seed : randomSeed();
  const recipes = plan.sources.map((source) => sourceRecipe(recipe, { ratio: source.ratio, resolution: source.resolution, seed, draft: draft ? draft : null }));
  let packId: string | null = null;
  const made: BatchResult = await createRuns(actor, recipes, {
    idempotencyKey,
    admit,
    within: async (tx, generated) => {
      packId = await insertPack(tx, actor, { model, recipe: { ...recipe, seed }, placements, plan, draft: draft ? draft : null }, generated);
    },
  });
  if (!made.ok) return { ok: false, status: made.status ?? 400, error: made.error, fieldErrors: made.fieldErrors, budget: made.budget };
  // A retried request returns the pack its first try made.
  const id = packId ?? made.generations[0]?.packId ?? null;
  const view = id ? await packView(actor, id) : null;
  if (!view) return { ok: false, status: 500, error: "The pack could not be read back." };
  return { ok: true, pack: view, duplicate: made.duplicate };
}

/**
 * Writes a pack made by a run (inside the run's transaction): its row, its generations marked as its sources (one
 * per distinct ratio of the plan, in the plan's order), and an asset per placement waiting for its source.
 */
export async function insertPack(
  tx: Db,
  scope: Actor,
  {
    model,
    recipe,
    placements,
    plan,
    draft,
  }: { model: ModelId; recipe: Record<string, unknown>; placements: { id: string }[]; plan: PackPlan; draft: PackDraft | null },
  generated: Generation[],
): Promise<string> {
  const [pack] = await tx
    .insert(packs)
    .values({
      workspaceId: scope.workspaceId,
      userId: scope.userId,
      model,
      prompt: String(recipe.prompt ?? ""),
      placementIds: placements.map((p) => p.id),
      recipe,
      draft,
    })
    .returning({ id: packs.id });
  const packId = pack!.id;
  await tx
    .update(generations)
    .set({ packId })
    .where(
      inArray(
        generations.id,
        generated.map((g) => g.id),
      ),
    );
  const bySource = new Map(plan.sources.map((s, i) => [s.ratio, generated[i]!.id]));
  await tx.insert(packAssets).values(
    plan.assets.map((asset) => ({
      packId,
      placementId: asset.placementId,
      generationId: bySource.get(asset.ratio)!,
      width: asset.width,
      height: asset.height,
    })),
  );
  return packId;
}

/**
 * A pack's recipe names the version of its brand kit it starts with, so its drafts, finals and own generations
 * are all made with (and checked against) the same kit, even if the kit is edited in between.
 */
export async function withKitVersion(scope: Scope, recipe: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (typeof recipe.brand_kit_id !== "string" || recipe.brand_kit_version !== undefined) return recipe;
  const kit = await kitVersion(scope, recipe.brand_kit_id);
  return kit ? { ...recipe, brand_kit_version: kit.version.version } : recipe;
}

/**
 * One source's recipe: the pack's recipe at a ratio, tier and seed — or, as a draft, with the draft's model and
 * tier (Lite takes neither web search nor another transport).
 */
export function sourceRecipe(
  recipe: Record<string, unknown>,
  { ratio, resolution, seed, draft }: { ratio: FixedAspectRatio; resolution: Resolution; seed: number; draft: PackDraft | null },
): Record<string, unknown> {
  const base: Record<string, unknown> = { ...recipe, seed, aspect_ratio: ratio, output_resolution: resolution };
  if (!draft) return base;
  const { model, resolution: draftResolution } = PACK_DRAFTS[draft];
  if (model === recipe.model) return { ...base, output_resolution: draftResolution };
  const { web_search: _webSearch, transport: _transport, ...rest } = base;
  return { ...rest, model, output_resolution: draftResolution };
}

export interface AssetView {
  id: string;
  placementId: string;
  platform: string;
  name: string;
  status: PackAsset["status"];
  width: number;
  height: number;
  maxBytes: number;
  /** What a cover crop from its source throws away (over 0.1: a far shape). */
  cropLoss: number;
  bytes: number | null;
  format: string | null;
  sha256: string | null;
  cropBox: CropBox | null;
  fill: Record<string, unknown>;
  generationId: string;
  /** Its source's pixels (the space the crop box is in). */
  source: { width: number; height: number } | null;
  error: string | null;
  url: string | null;
  keepOut: KeepOut | null;
  /** Its source's copy checks, with whether any text read lands in this placement's keep-out zones. */
  checks: { status: CheckStatus; findings: Finding[] } | null;
}

export interface PackSource {
  id: string;
  status: Generation["status"];
  model: ModelId;
  aspectRatio: string;
  resolution: string;
  seed: number;
  reviewState: Generation["reviewState"];
  /** A draft still feeding assets: Finalise re-runs it with Nano Banana 2 at `finalResolution`. */
  draft: boolean;
  finalResolution: Resolution | null;
  /** Whether any asset is drawn from it (a finalised draft is kept, as the first version of its creative). */
  inUse: boolean;
  costUsd: number;
}

export interface PackView {
  id: string;
  model: ModelId;
  prompt: string;
  createdAt: string;
  plan: PackPlan;
  /** How it was drafted, if it was (PACK_DRAFTS). */
  draft: PackDraft | null;
  reviewState: ReviewState;
  generations: PackSource[];
  assets: AssetView[];
  done: boolean;
}

export async function packView(scope: Scope, id: string): Promise<PackView | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [pack] = await db
    .select()
    .from(packs)
    .where(and(eq(packs.id, id), eq(packs.workspaceId, scope.workspaceId)));
  if (!pack) return null;
  const [sources, assets] = await Promise.all([
    db.select().from(generations).where(eq(generations.packId, id)).orderBy(asc(generations.createdAt)),
    db.select().from(packAssets).where(eq(packAssets.packId, id)),
  ]);
  // Anything still waiting on a finished source (a restart between storing and deriving) is derived now.
  const stale = assets.filter((a) => a.status === "waiting" && sources.find((g) => g.id === a.generationId)?.status === "completed");
  if (stale.length) {
    for (const generationId of new Set(stale.map((a) => a.generationId))) await derivePackAssets(generationId);
    return packView(scope, id);
  }
  const failedSources = new Set(sources.filter((g) => g.status === "failed").map((g) => g.id));
  const order = new Map(pack.placementIds.map((p, i) => [p, i]));
  const inUse = new Set(assets.map((a) => a.generationId));
  return {
    id: pack.id,
    model: pack.model,
    prompt: pack.prompt,
    createdAt: pack.createdAt.toISOString(),
    plan: planPack(pack.placementIds.map((p) => placementById(p)!).filter(Boolean), pack.model),
    draft: pack.draft,
    reviewState: pack.reviewState,
    generations: sources.map((g) => ({
      id: g.id,
      status: g.status,
      model: g.model,
      aspectRatio: g.aspectRatio,
      resolution: g.params.output_resolution,
      seed: g.seed,
      reviewState: g.reviewState,
      draft: needsFinal(pack, g, placementsOf(assets, g.id)),
      finalResolution: needsFinal(pack, g, placementsOf(assets, g.id)) ? finalTier(placementsOf(assets, g.id), g.aspectRatio as FixedAspectRatio) : null,
      inUse: inUse.has(g.id),
      costUsd: g.estimatedCostUsd,
    })),
    assets: assets
      .sort((a, b) => (order.get(a.placementId) ?? 0) - (order.get(b.placementId) ?? 0))
      .map((a) => {
        const placement = placementById(a.placementId);
        const sourceFailed = failedSources.has(a.generationId);
        return {
          id: a.id,
          placementId: a.placementId,
          platform: placement?.platform ?? "",
          name: placement?.name ?? a.placementId,
          status: sourceFailed && a.status === "waiting" ? "failed" : a.status,
          width: a.width,
          height: a.height,
          maxBytes: placement?.maxBytes ?? 0,
          cropLoss: placement ? cropLoss(placement, sources.find((g) => g.id === a.generationId)?.aspectRatio as FixedAspectRatio) : 0,
          bytes: a.bytes,
          format: a.format,
          sha256: a.sha256,
          cropBox: a.cropBox ?? null,
          fill: a.fill,
          generationId: a.generationId,
          source: sourceSize(sources.find((g) => g.id === a.generationId)),
          error: sourceFailed && a.status === "waiting" ? "Its source generation failed." : a.error,
          // The file changes when its crop moves: the address carries its hash, so caches never show a stale one.
          url: a.status === "ready" ? `/api/packs/assets/${a.id}?v=${a.sha256?.slice(0, 12)}` : null,
          keepOut: placement?.keepOut ?? null,
          checks: assetChecks(a, sources.find((g) => g.id === a.generationId)?.checks ?? null, placement?.keepOut),
        };
      }),
    done:
      sources.every((g) => g.status === "failed" || (g.status === "completed" && g.checks?.status !== "pending")) &&
      assets.every((a) => a.status !== "waiting" || failedSources.has(a.generationId)),
  };
}

/** The smallest Nano Banana 2 tier that covers every placement drawn from one source. */
export function finalTier(placementIds: string[], ratio: FixedAspectRatio): Resolution {
  const tiers = placementIds.map((id) => placementById(id)).map((p) => (p ? smallestTier(p, FINAL_MODEL, ratio) : "1K"));
  return tiers.reduce<Resolution>((a, b) => (RESOLUTIONS.indexOf(b) > RESOLUTIONS.indexOf(a) ? b : a), "512px");
}

export const placementsOf = (assets: Pick<PackAsset, "generationId" | "placementId">[], generationId: string): string[] =>
  assets.filter((a) => a.generationId === generationId).map((a) => a.placementId);

/**
 * A source still to finalise: a draft of a drafted pack feeding some placements, unless its final would only
 * repeat it (a Nano Banana 2 draft at 512px already at the tier its placements need).
 */
export function needsFinal(pack: Pick<Pack, "draft">, g: Pick<Generation, "sourceKind" | "model" | "aspectRatio" | "params">, placementIds: string[]): boolean {
  if (pack.draft === null || g.sourceKind === "finalise" || placementIds.length === 0) return false;
  return !(g.model === FINAL_MODEL && g.params.output_resolution === finalTier(placementIds, g.aspectRatio as FixedAspectRatio));
}

/** The source's text findings for one placement, plus its keep-out check from the words' boxes (no second OCR). */
function assetChecks(asset: PackAsset, checks: Checks | null, keepOut: KeepOut | undefined): AssetView["checks"] {
  if (!checks) return null;
  if (checks.status === "pending" || checks.status === "unavailable") return { status: checks.status, findings: [] };
  const findings = checks.findings.filter((f) => f.kind !== "text-area");
  if (keepOut && checks.read && asset.status === "ready")
    findings.push(keepOutFinding(checks.read.words, frameMapper(checks.read, asset, asset.cropBox ?? null), keepOut));
  return { status: findings.every((f) => f.ok) ? "passed" : "failed", findings };
}

function sourceSize(g: Generation | undefined): { width: number; height: number } | null {
  return g && g.aspectRatio !== "auto" ? outputSize(g.aspectRatio as FixedAspectRatio, g.params.output_resolution) : null;
}

/** Derivations in flight in this process, by source generation: the worker and a reader share one. */
const deriving = new Map<string, Promise<void>>();

/**
 * Derives every waiting asset of one finished source generation; the source is decoded once for all of them.
 * One at a time per source in this process (another instance deriving the same asset writes the same bytes).
 */
export function derivePackAssets(generationId: string): Promise<void> {
  const running = deriving.get(generationId);
  if (running) return running;
  const run = deriveWaiting(generationId).finally(() => deriving.delete(generationId));
  deriving.set(generationId, run);
  return run;
}

async function deriveWaiting(generationId: string): Promise<void> {
  const db = await getDb();
  const waiting = await db
    .select()
    .from(packAssets)
    .where(and(eq(packAssets.generationId, generationId), eq(packAssets.status, "waiting")));
  if (waiting.length === 0) return;
  const source = await sourceOf(generationId);
  for (const asset of waiting) await writeAsset(asset, source, asset.fill as Fill);
}

async function sourceOf(generationId: string): Promise<DecodedSource | null> {
  const db = await getDb();
  const [image] = await db.select().from(images).where(eq(images.generationId, generationId)).orderBy(asc(images.position)).limit(1);
  const bytes = image ? await getStorage().get(image.storageKey) : null;
  return bytes ? decodeSource(bytes) : null;
}

async function writeAsset(asset: PackAsset, source: DecodedSource | null, fill: Fill): Promise<PackAsset> {
  const db = await getDb();
  const placement = placementById(asset.placementId);
  const derived = !source
    ? ({ ok: false, reason: "Its source image is missing from storage." } as const)
    : !placement
      ? ({ ok: false, reason: "This placement is no longer in the catalog." } as const)
      : await deriveAsset(source, placement, fill);
  if (!derived.ok) {
    const [row] = await db
      .update(packAssets)
      .set({ status: "failed", error: derived.reason, fill, updatedAt: new Date() })
      .where(eq(packAssets.id, asset.id))
      .returning();
    return row!;
  }
  const key = `packs/${asset.packId}/${asset.placementId}.${derived.format}`;
  await getStorage().put(key, derived.bytes, derived.format === "png" ? "image/png" : "image/jpeg");
  const [row] = await db
    .update(packAssets)
    .set({
      status: "ready",
      error: null,
      fill,
      cropBox: derived.box,
      format: derived.format,
      bytes: derived.bytes.length,
      sha256: derived.sha256,
      storageKey: key,
      updatedAt: new Date(),
    })
    .where(eq(packAssets.id, asset.id))
    .returning();
  return row!;
}

/** Moves an asset's crop (a focal point or a box) or pads it, and derives it again: free, Segmind is not asked. */
export async function rederiveAsset(
  actor: Actor,
  packId: string,
  placementId: string,
  fill: unknown,
): Promise<{ ok: true; asset: AssetView } | { ok: false; error: string; status: number }> {
  const denied = refusal(actor, "edit");
  if (denied) return { ok: false, error: denied, status: 403 };
  const parsed = parseFill(fill);
  if (typeof parsed === "string") return { ok: false, error: parsed, status: 400 };
  if (!isUuid(packId)) return { ok: false, error: "This pack does not exist.", status: 404 };
  const db = await getDb();
  const [row] = await db
    .select({ asset: packAssets })
    .from(packAssets)
    .innerJoin(packs, eq(packs.id, packAssets.packId))
    .where(and(eq(packAssets.packId, packId), eq(packAssets.placementId, placementId), eq(packs.workspaceId, actor.workspaceId)));
  if (!row) return { ok: false, error: "This pack has no such placement.", status: 404 };
  const [source] = await db.select({ status: generations.status }).from(generations).where(eq(generations.id, row.asset.generationId));
  if (source?.status !== "completed") return { ok: false, error: "Its source image is not ready yet.", status: 409 };
  await writeAsset(row.asset, await sourceOf(row.asset.generationId), parsed);
  await db.transaction((tx) => reopenApproved(tx, actor, packId, `${placementId} derived again`));
  const view = await packView(actor, packId);
  return { ok: true, asset: view!.assets.find((a) => a.placementId === placementId)! };
}

function parseFill(value: unknown): Fill | string {
  const v = (value ?? {}) as Record<string, unknown>;
  const unit = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 1;
  const px = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 20_000;
  if (v.mode === "pad") {
    const background = v.background ?? "blur";
    if (background !== "blur" && !(typeof background === "string" && /^#[0-9a-f]{6}$/i.test(background))) return 'background: "blur" or a colour like #ffcc00.';
    return { mode: "pad", background: background };
  }
  if (v.mode !== undefined && v.mode !== "crop") return 'mode: "crop" or "pad".';
  if (v.focal !== undefined) {
    const f = v.focal as Record<string, unknown>;
    if (!f || !unit(f.x) || !unit(f.y)) return "focal: {x, y}, each from 0 to 1.";
    return { mode: "crop", focal: { x: f.x as number, y: f.y as number } };
  }
  if (v.box !== undefined) {
    const b = v.box as Record<string, unknown>;
    if (!b || !px(b.left) || !px(b.top) || !px(b.width) || !px(b.height) || (b.width as number) < 1 || (b.height as number) < 1)
      return "box: {left, top, width, height} in source pixels.";
    return { mode: "crop", box: { left: b.left as number, top: b.top as number, width: b.width as number, height: b.height as number } };
  }
  return { mode: "crop" };
}

/** One asset's file, for a member of its workspace. */
export async function assetFile(scope: Scope, assetId: string): Promise<{ bytes: Buffer; contentType: string; name: string } | null> {
  if (!isUuid(assetId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ asset: packAssets })
    .from(packAssets)
    .innerJoin(packs, eq(packs.id, packAssets.packId))
    .where(and(eq(packAssets.id, assetId), eq(packs.workspaceId, scope.workspaceId)));
  if (!row?.asset.storageKey) return null;
  const bytes = await getStorage().get(row.asset.storageKey);
  if (!bytes) return null;
  const { asset } = row;
  return {
    bytes,
    contentType: asset.format === "png" ? "image/png" : "image/jpeg",
    name: `${asset.placementId}_${asset.width}x${asset.height}.${asset.format}`,
  };
}

const folder = (platform: string) => platform.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/**
 * A pack's files laid out as `<platform>/<placement-id>_<width>x<height>.<ext>` plus `manifest.csv` (placement,
 * pixels, bytes, SHA-256, source generation, model, seed, crop box, review state and the approved SHA-256).
 * `public` (a share link) leaves out who approved it by e-mail.
 */
export async function packFiles(
  scope: Scope,
  id: string,
  { audience = "owner" }: { audience?: "owner" | "public" } = {},
): Promise<{ files: Record<string, Uint8Array>; name: string; view: PackView } | null> {
  const view = await packView(scope, id);
  if (!view) return null;
  const db = await getDb();
  const rows = await db.select().from(packAssets).where(eq(packAssets.packId, id));
  const files: Record<string, Uint8Array> = {};
  const manifest: Record<string, unknown>[] = [];
  const approval = view.reviewState === "approved" ? (await packReviewHistory(scope, id)).find((r) => r.kind === "approved") : undefined;
  for (const asset of view.assets) {
    const stored = rows.find((r) => r.id === asset.id);
    const bytes = stored?.storageKey ? await getStorage().get(stored.storageKey) : null;
    const generation = view.generations.find((g) => g.id === asset.generationId);
    const file = bytes ? `${folder(asset.platform)}/${asset.placementId}_${asset.width}x${asset.height}.${asset.format}` : "";
    if (bytes) files[file] = new Uint8Array(bytes);
    manifest.push({
      file,
      placement_id: asset.placementId,
      platform: asset.platform,
      width: asset.width,
      height: asset.height,
      bytes: asset.bytes ?? "",
      max_bytes: asset.maxBytes,
      sha256: asset.sha256 ?? "",
      status: asset.status,
      error: asset.error ?? "",
      source_generation_id: asset.generationId,
      model: generation?.model ?? view.model,
      seed: generation?.seed ?? "",
      // left top width height, in source pixels (spaces: a spreadsheet keeps it in one cell).
      crop_box: asset.cropBox ? `${asset.cropBox.left} ${asset.cropBox.top} ${asset.cropBox.width} ${asset.cropBox.height}` : "",
      review_state: view.reviewState,
      approved_by: approval ? (audience === "owner" ? approval.email : approval.by) : "",
      approved_at: approval?.at ?? "",
      approved_sha256: approval?.assets?.[asset.placementId] ?? "",
    });
  }
  files["manifest.csv"] = new TextEncoder().encode(toCsv(manifest));
  return { files, name: `pack-${view.prompt.slice(0, 40) || view.id}`, view };
}

/** The pack as one zip (packFiles). */
export async function packZip(scope: Scope, id: string, options: { audience?: "owner" | "public" } = {}): Promise<{ zip: Uint8Array; name: string } | null> {
  const pack = await packFiles(scope, id, options);
  if (!pack) return null;
  const zippable: Zippable = {};
  // The images are compressed already: stored as they are; the manifest is deflated.
  for (const [path, bytes] of Object.entries(pack.files)) zippable[path] = path.endsWith(".csv") ? bytes : [bytes, { level: 0 }];
  return { zip: zipSync(zippable, { level: 6 }), name: pack.name };
}

export interface PackSummary {
  id: string;
  prompt: string;
  model: ModelId;
  placements: number;
  ready: number;
  reviewState: ReviewState;
  createdAt: string;
  cover: { url: string; width: number; height: number } | null;
}

/** The workspace's packs (or those in one review state), newest first, with how many files are ready and a cover. */
export async function listPacks(scope: Scope, { limit = 100, review }: { limit?: number; review?: ReviewState } = {}): Promise<PackSummary[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(packs)
    .where(and(eq(packs.workspaceId, scope.workspaceId), review ? eq(packs.reviewState, review) : undefined))
    .orderBy(desc(packs.createdAt))
    .limit(limit);
  if (rows.length === 0) return [];
  const assets = await db
    .select()
    .from(packAssets)
    .where(
      inArray(
        packAssets.packId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((pack) => {
    const own = assets.filter((a) => a.packId === pack.id);
    const cover = own.find((a) => a.status === "ready" && a.width >= a.height) ?? own.find((a) => a.status === "ready");
    return {
      id: pack.id,
      prompt: pack.prompt,
      model: pack.model,
      placements: own.length,
      ready: own.filter((a) => a.status === "ready").length,
      reviewState: pack.reviewState,
      createdAt: pack.createdAt.toISOString(),
      cover: cover ? { url: `/api/packs/assets/${cover.id}?v=${cover.sha256?.slice(0, 12)}`, width: cover.width, height: cover.height } : null,
    };
  });
}
