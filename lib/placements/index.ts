/**
 * What follows from the placement catalog (./catalog.ts) and the model catalog, as pure functions: the nearest
 * model ratio of a placement, what a cover crop from it throws away, the smallest resolution that needs no
 * upscaling, and the plan of a pack — one generation per distinct ratio, at the tier its largest placement
 * needs. Plain module: the studio form shows the plan before anything runs.
 */
import { ASPECT_RATIOS, MODELS, outputSize, type FixedAspectRatio, type ModelId, type Resolution } from "../segmind/catalog";
import { PLACEMENTS, PRESETS, type Placement } from "./catalog";

const FIXED_RATIOS = ASPECT_RATIOS.filter((r): r is FixedAspectRatio => r !== "auto");

/** Above this share of the frame cropped, a plain crop loses the subject: offer pad or a generation of its own. */
export const FAR_SHAPE = 0.1;

const byId = new Map(PLACEMENTS.map((p) => [p.id, p]));

export function placementById(id: string): Placement | undefined {
  return byId.get(id);
}

/** The share of a frame of `ratio` (its 1K size) that a cover crop to the placement's shape throws away. */
export function cropLoss(placement: Pick<Placement, "width" | "height">, ratio: FixedAspectRatio): number {
  const { width, height } = outputSize(ratio, "1K");
  const source = width / height;
  const target = placement.width / placement.height;
  return 1 - Math.min(source, target) / Math.max(source, target);
}

/** The model ratio that loses least to a cover crop. */
export function nearestRatio(placement: Pick<Placement, "width" | "height">): FixedAspectRatio {
  let best = FIXED_RATIOS[0]!;
  for (const ratio of FIXED_RATIOS) if (cropLoss(placement, ratio) < cropLoss(placement, best)) best = ratio;
  return best;
}

/** How far a source of `ratio` at `resolution` must be enlarged to cover the placement (1 or less: not at all). */
export function coverScale(placement: Pick<Placement, "width" | "height">, ratio: FixedAspectRatio, resolution: Resolution): number {
  const { width, height } = outputSize(ratio, resolution);
  return Math.max(placement.width / width, placement.height / height);
}

/** The upscale a placement needs from `resolution` (0.17 = 17% larger), 0 when none. */
export function upscaleNeeded(placement: Pick<Placement, "width" | "height">, ratio: FixedAspectRatio, resolution: Resolution): number {
  return Math.max(0, coverScale(placement, ratio, resolution) - 1);
}

/** The model's smallest resolution that covers the placement without upscaling (its largest when none does). */
export function smallestTier(placement: Pick<Placement, "width" | "height">, model: ModelId, ratio = nearestRatio(placement)): Resolution {
  const tiers = MODELS[model].resolutions as readonly Resolution[];
  return tiers.find((tier) => coverScale(placement, ratio, tier) <= 1 + 1e-9) ?? tiers.at(-1)!;
}

/** Preset names and placement ids to one list of placements, in catalog order; unknown names are reported. */
export function resolvePlacements(request: { placements?: unknown; presets?: unknown }): { placements: Placement[]; unknown: string[] } {
  const unknown: string[] = [];
  const wanted = new Set<string>();
  const list = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
  for (const name of list(request.presets)) {
    const preset = typeof name === "string" ? PRESETS[name] : undefined;
    if (preset && Object.hasOwn(PRESETS, name as string)) preset.ids.forEach((id) => wanted.add(id));
    else unknown.push(`preset ${String(name)}`);
  }
  for (const id of list(request.placements)) {
    if (typeof id === "string" && byId.has(id)) wanted.add(id);
    else unknown.push(String(id));
  }
  return { placements: PLACEMENTS.filter((p) => wanted.has(p.id)), unknown };
}

export interface PlannedAsset {
  placementId: string;
  ratio: FixedAspectRatio;
  width: number;
  height: number;
  cropLoss: number;
  /** The upscale it needs from its source (0: none). Only Lite, at 1K, ever needs one. */
  upscale: number;
  /** More than FAR_SHAPE of the frame is cropped. */
  far: boolean;
}

export interface PlannedSource {
  ratio: FixedAspectRatio;
  resolution: Resolution;
  width: number;
  height: number;
  costUsd: number;
  placementIds: string[];
}

export interface PackPlan {
  model: ModelId;
  sources: PlannedSource[];
  assets: PlannedAsset[];
  costUsd: number;
  /** About how long the pack takes: its generations run side by side. */
  typicalMs: number;
  /** Placements a Lite pack would have to enlarge; Nano Banana 2 would not. */
  upscaled: string[];
}

/**
 * The pack for these placements with this model: placements that share a nearest ratio share one generation,
 * made at the smallest tier that covers the largest of them (Lite: 1K, with the upscale each needs).
 */
export function planPack(placements: readonly Placement[], model: ModelId): PackPlan {
  const spec = MODELS[model];
  const groups = new Map<FixedAspectRatio, Placement[]>();
  for (const p of placements) {
    const ratio = nearestRatio(p);
    groups.set(ratio, [...(groups.get(ratio) ?? []), p]);
  }
  const tiers = spec.resolutions as readonly Resolution[];
  const sources: PlannedSource[] = [...groups.entries()].map(([ratio, members]) => {
    const resolution = members.map((p) => smallestTier(p, model, ratio)).reduce((a, b) => (tiers.indexOf(b) > tiers.indexOf(a) ? b : a));
    const size = outputSize(ratio, resolution);
    const costUsd = (spec.estimatedPriceUsd as Partial<Record<Resolution, number>>)[resolution] ?? 0;
    return { ratio, resolution, ...size, costUsd, placementIds: members.map((p) => p.id) };
  });
  const assets = placements.map((p): PlannedAsset => {
    const source = sources.find((s) => s.placementIds.includes(p.id))!;
    const loss = cropLoss(p, source.ratio);
    return {
      placementId: p.id,
      ratio: source.ratio,
      width: p.width,
      height: p.height,
      cropLoss: loss,
      upscale: upscaleNeeded(p, source.ratio, source.resolution),
      far: loss > FAR_SHAPE,
    };
  });
  return {
    model,
    sources,
    assets,
    costUsd: Math.round(sources.reduce((sum, s) => sum + s.costUsd, 0) * 10_000) / 10_000,
    typicalMs: spec.typicalLatencyMs,
    upscaled: assets.filter((a) => a.upscale > 0).map((a) => a.placementId),
  };
}

/** Drafts are finalised with Nano Banana 2, the model with the tiers a placement needs. */
export const FINAL_MODEL = "nano-banana-2" satisfies ModelId;

/** The cheap first pass of a pack: Nano Banana 2 Lite, or Nano Banana 2 at 512px. */
export const PACK_DRAFTS = {
  lite: { model: "nano-banana-2-lite", resolution: "1K", label: "Nano Banana 2 Lite" },
  "512px": { model: "nano-banana-2", resolution: "512px", label: "Nano Banana 2 at 512px" },
} as const satisfies Record<string, { model: ModelId; resolution: Resolution; label: string }>;
export type PackDraft = keyof typeof PACK_DRAFTS;

export function isPackDraft(value: unknown): value is PackDraft {
  return typeof value === "string" && Object.hasOwn(PACK_DRAFTS, value);
}

/** What drafting the plan's generations costs (its final cost is `plan.costUsd`: Finalise runs the plan's tiers). */
export function draftCostUsd(plan: Pick<PackPlan, "sources">, draft: PackDraft): number {
  const { model, resolution } = PACK_DRAFTS[draft];
  const price = (MODELS[model].estimatedPriceUsd as Partial<Record<Resolution, number>>)[resolution] ?? 0;
  return Math.round(plan.sources.length * price * 10_000) / 10_000;
}
