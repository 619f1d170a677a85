/**
 * What the browser is told about a generation: our own shape, never Segmind's, and nothing secret.
 * Shared by the JSON route, the server-rendered pages and the React Query hooks.
 */
import { MODELS, isModelId } from "../segmind/catalog";
import type { Generation, GenerationStatus, Image, RecipeParams, ReferenceRef, SourceKind } from "../db/schema";
import type { ReviewState } from "../review/states";
import type { CopyFields } from "../copy";
import type { Checks } from "../checks/findings";

export interface ImageView {
  id: string;
  url: string;
  thumbUrl: string;
  downloadUrl: string;
  width: number;
  height: number;
  contentType: string;
  bytes: number;
}

export interface GenerationView {
  id: string;
  status: GenerationStatus;
  model: string;
  modelName: string;
  transport: string;
  prompt: string;
  seed: number;
  aspectRatio: string;
  params: RecipeParams;
  references: ReferenceRef[];
  error: { code: string; message: string; mayHaveBeenCharged: boolean } | null;
  /** Why a queued job is still waiting in our queue, when it is. */
  holdReason: string | null;
  text: string | null;
  inferenceTime: number | null;
  estimatedCostUsd: number;
  typicalLatencyMs: number;
  createdAt: string;
  submittedAt: string | null;
  completedAt: string | null;
  images: ImageView[];
  /** The run this image was made in (a batch of 1–8 shares one id), and its place in it. */
  batchId: string | null;
  batchIndex: number;
  favorite: boolean;
  /** The image this one was reproduced, varied or retried from, while that one exists. */
  source: { id: string; how: SourceKind } | null;
  /** Where it stands in review (lib/review). */
  reviewState: ReviewState;
  /** The ad copy asked for, its language, and what reading the image back found (lib/checks). */
  copy: CopyFields | null;
  language: string;
  checks: Checks | null;
  /** The brand kit it was made with, at the version used (lib/brand-kits). */
  brandKit: { id: string; version: number; name: string } | null;
}

/** What a watcher already knows of a job: an answer is news when any of this differs. */
export const fingerprintOf = (view: GenerationView) => `${view.status}|${view.holdReason ?? ""}|${view.images.length}|${view.checks?.status ?? ""}`;

export const FINAL_STATUSES: readonly GenerationStatus[] = ["completed", "failed"];
export const isFinal = (status: GenerationStatus) => FINAL_STATUSES.includes(status);
/** Nothing more will change on its own: failed, or completed with its checks (if any) done. */
export const isSettled = (view: Pick<GenerationView, "status" | "checks">) =>
  view.status === "failed" || (view.status === "completed" && view.checks?.status !== "pending");

export function imageView(image: Image): ImageView {
  return {
    id: image.id,
    url: `/api/images/${image.id}`,
    thumbUrl: `/api/images/${image.id}/thumb`,
    downloadUrl: `/api/images/${image.id}?download=1`,
    width: image.width,
    height: image.height,
    contentType: image.contentType,
    bytes: image.bytes,
  };
}

export function generationView(generation: Generation, images: Image[], kitName?: string): GenerationView {
  const spec = isModelId(generation.model) ? MODELS[generation.model] : undefined;
  return {
    id: generation.id,
    status: generation.status,
    model: generation.model,
    modelName: spec?.name ?? generation.model,
    transport: generation.transport,
    prompt: generation.prompt,
    seed: generation.seed,
    aspectRatio: generation.aspectRatio,
    params: generation.params,
    references: generation.references,
    error:
      generation.status === "failed"
        ? {
            code: generation.errorCode ?? "failed",
            message: generation.errorMessage ?? "The generation failed.",
            mayHaveBeenCharged: generation.mayHaveBeenCharged,
          }
        : null,
    holdReason: generation.status === "queued" || generation.status === "processing" ? generation.holdReason : null,
    text: generation.textOutput,
    inferenceTime: generation.inferenceTime,
    estimatedCostUsd: generation.estimatedCostUsd,
    typicalLatencyMs: spec?.typicalLatencyMs ?? 30_000,
    createdAt: generation.createdAt.toISOString(),
    submittedAt: generation.submittedAt?.toISOString() ?? null,
    completedAt: generation.completedAt?.toISOString() ?? null,
    images: [...images].sort((a, b) => a.position - b.position).map(imageView),
    batchId: generation.batchId,
    batchIndex: generation.batchIndex,
    favorite: generation.favorite,
    source: generation.sourceId ? { id: generation.sourceId, how: generation.sourceKind ?? "reproduce" } : null,
    reviewState: generation.reviewState,
    copy: generation.copy ?? null,
    language: generation.language,
    // A failed run has nothing to read back: its pending checks will never run.
    checks: generation.status === "failed" ? null : (generation.checks ?? null),
    brandKit:
      generation.brandKitId && generation.brandKitVersion
        ? { id: generation.brandKitId, version: generation.brandKitVersion, name: kitName ?? "Brand kit" }
        : null,
  };
}

/** The recipe of one image as a flat record: what the embedded metadata, the CSV manifest and the API share. */
export function recipeRecord(view: Pick<GenerationView, "id" | "model" | "transport" | "params" | "references" | "createdAt">) {
  const p = view.params;
  return {
    generation_id: view.id,
    model: view.model,
    transport: view.transport,
    prompt: p.prompt,
    seed: p.seed,
    aspect_ratio: p.aspect_ratio,
    output_resolution: p.output_resolution,
    output_format: p.output_format,
    response_modalities: p.response_modalities,
    thinking_level: p.thinking_level,
    safety_tolerance: p.safety_tolerance,
    web_search: p.web_search ?? null,
    reference_count: view.references.length,
    created_at: view.createdAt,
  };
}
