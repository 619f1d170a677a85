import "server-only";
/**
 * The life of a generation: created with its full recipe and an explicit seed, submitted to Segmind,
 * advanced by polling (coalesced, so many viewers cost one upstream call per interval), and finished by
 * copying the image into our own storage before Segmind's one-hour retention runs out.
 */
import { createHash, randomInt } from "node:crypto";
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import sharp from "sharp";
import { config } from "../config";
import { getDb } from "../db";
import { generations, images, type Generation, type Image, type RecipeParams } from "../db/schema";
import { extensionFor, sniffImageType } from "../image-type";
import { segmind } from "../segmind";
import { MODELS, SEED_RANGE, estimatedPriceUsd, type ModelId, type Resolution } from "../segmind/catalog";
import type { GenerationResult } from "../segmind/client";
import { SegmindError, isSegmindError } from "../segmind/errors";
import { fieldErrors, recipeSchema, type SegmindPayloadInput } from "../segmind/schema";
import { getStorage } from "../storage";
import { getUploadsForUser } from "../uploads";
import { generationView, type GenerationView } from "./view";

export type CreateResult =
  | { ok: true; generation: Generation }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export function randomSeed(): number {
  return randomInt(SEED_RANGE.min, SEED_RANGE.max);
}

/** Validates a recipe and records it as a queued generation. Nothing is sent upstream yet. */
export async function createGeneration(userId: string, input: unknown): Promise<CreateResult> {
  const parsed = recipeSchema.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return { ok: false, error: Object.values(errors)[0] ?? "Check the settings.", fieldErrors: errors };
  }
  const { model, transport, reference_ids, seed, ...rest } = parsed.data;
  const references = await getUploadsForUser(userId, reference_ids);
  if (references.length !== reference_ids.length) {
    return { ok: false, error: "A reference image is no longer available. Remove it and add it again.", fieldErrors: { reference_ids: "Missing reference image." } };
  }
  const params: RecipeParams = { ...rest, seed: seed ?? randomSeed() };
  const db = await getDb();
  const [generation] = await db
    .insert(generations)
    .values({
      userId,
      model,
      transport,
      params,
      prompt: params.prompt,
      seed: params.seed,
      aspectRatio: params.aspect_ratio,
      references: references.map((r) => ({ uploadId: r.id, sha256: r.sha256 })),
      estimatedCostUsd: estimatedPriceUsd(model, params.output_resolution as Resolution),
    })
    .returning();
  return { ok: true, generation: generation! };
}

/** Hands our references to Segmind Storage, which gives back URLs the model can fetch. */
async function referenceUrls(generation: Generation): Promise<string[]> {
  const uploads = await getUploadsForUser(
    generation.userId,
    generation.references.map((r) => r.uploadId),
  );
  if (uploads.length !== generation.references.length) throw new SegmindError("bad_request", { detail: "a reference image is missing", retryable: false });
  const storage = getStorage();
  const dataUrls: string[] = [];
  for (const upload of uploads) {
    const bytes = await storage.get(upload.storageKey);
    if (!bytes) throw new SegmindError("bad_request", { detail: `reference ${upload.fileName} is missing from storage`, retryable: false });
    dataUrls.push(`data:${upload.contentType};base64,${bytes.toString("base64")}`);
  }
  return segmind().uploadAssets(dataUrls);
}

function payloadOf(generation: Generation, imageUrls: string[]): SegmindPayloadInput {
  const { web_search, ...params } = generation.params;
  return {
    ...params,
    image_urls: imageUrls,
    ...(MODELS[generation.model as ModelId].supportsWebSearch ? { web_search: web_search ?? false } : {}),
  } as SegmindPayloadInput;
}

/** Sends a queued generation to Segmind: v2 queues it and returns; v1 holds on until the image is back. */
export async function startGeneration(id: string): Promise<void> {
  const db = await getDb();
  // Only a still-unsent generation may be sent, and only once: the claim is the status change itself.
  const [generation] = await db
    .update(generations)
    .set({ status: "processing", submittedAt: new Date() })
    .where(and(eq(generations.id, id), eq(generations.status, "queued"), isNull(generations.submittedAt)))
    .returning();
  if (!generation) return;
  const model = generation.model as ModelId;
  try {
    const payload = payloadOf(generation, await referenceUrls(generation));
    if (generation.transport === "v1") {
      const result = await segmind().run(model, payload);
      await storeResult(generation, result);
      return;
    }
    const job = await segmind().submit(model, payload);
    await db
      .update(generations)
      .set({ requestId: job.requestId, upstreamStatus: job.status, remainingCredits: job.remainingCredits ?? null })
      .where(eq(generations.id, id));
  } catch (error) {
    await failGeneration(id, error);
  }
}

export async function failGeneration(id: string, error: unknown): Promise<void> {
  const segmindError = isSegmindError(error) ? error : undefined;
  if (!segmindError) console.error(`generation ${id} failed unexpectedly`, error);
  const db = await getDb();
  await db
    .update(generations)
    .set({
      status: "failed",
      errorCode: segmindError?.code ?? "internal",
      errorMessage: segmindError?.userMessage ?? "Something went wrong in the studio while running this generation. Try again.",
      mayHaveBeenCharged: segmindError?.mayHaveBeenCharged ?? false,
      completedAt: new Date(),
    })
    .where(and(eq(generations.id, id), inArray(generations.status, ["queued", "processing"])));
}

/**
 * Moves a running v2 generation along: asks Segmind at most once per poll interval (however many tabs
 * ask us), stores the result when it is ready, and fails jobs that passed their deadline.
 */
export async function advanceGeneration(generation: Generation): Promise<Generation> {
  if (generation.status !== "queued" && generation.status !== "processing") return generation;
  const db = await getDb();
  const { pollIntervalMs, jobDeadlineMs } = config();
  if (Date.now() - generation.createdAt.getTime() > jobDeadlineMs) {
    await failGeneration(
      generation.id,
      new SegmindError("timeout", {
        detail: `no result within ${Math.round(jobDeadlineMs / 60_000)} minutes`,
        mayHaveBeenCharged: generation.submittedAt !== null,
        retryable: false,
      }),
    );
    return reload(generation.id);
  }
  if (!generation.requestId) return generation;

  const [claimed] = await db
    .update(generations)
    .set({ lastPolledAt: sql`now()` })
    .where(
      and(
        eq(generations.id, generation.id),
        inArray(generations.status, ["queued", "processing"]),
        isNotNull(generations.requestId),
        or(isNull(generations.lastPolledAt), lt(generations.lastPolledAt, sql`now() - (${pollIntervalMs} * interval '1 millisecond')`)),
      ),
    )
    .returning();
  if (!claimed) return reload(generation.id);

  try {
    const state = await segmind().status(claimed.requestId!);
    if (state.status === "COMPLETED" || state.status === "FAILED") {
      // result() throws the FAILED job's own error (content block, …), which fails the generation.
      await storeResult(claimed, await segmind().result(claimed.requestId!));
    } else if (state.status !== claimed.upstreamStatus) {
      await db.update(generations).set({ upstreamStatus: state.status }).where(eq(generations.id, claimed.id));
    }
  } catch (error) {
    // A transient error leaves the job running for the next poll; anything final ends it.
    if (!isSegmindError(error) || !error.retryable) await failGeneration(claimed.id, error);
  }
  return reload(generation.id);
}

/** Copies every output image into our storage with a WebP thumbnail, then marks the generation done, once. */
export async function storeResult(generation: Generation, result: GenerationResult): Promise<void> {
  const storage = getStorage();
  const stored: Omit<Image, "id" | "createdAt">[] = [];
  for (const [position, output] of result.output.images.entries()) {
    const fetched = output.kind === "bytes" ? output : await segmind().fetchImage(output.url);
    const bytes = fetched.bytes;
    const contentType = sniffImageType(bytes) ?? fetched.contentType;
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height) throw new SegmindError("malformed_response", { detail: "the output is not a readable image", retryable: false });
    const base = `generations/${generation.userId}/${generation.id}/${position}`;
    const storageKey = `${base}.${extensionFor(contentType)}`;
    const thumbKey = `${base}.thumb.webp`;
    const thumb = await sharp(bytes).resize({ width: 512, height: 512, fit: "inside", withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
    // Keys are fixed per generation and position: a repeated store overwrites the same files.
    await storage.put(storageKey, bytes);
    await storage.put(thumbKey, thumb);
    stored.push({
      generationId: generation.id,
      userId: generation.userId,
      position,
      storageKey,
      thumbKey,
      contentType,
      width: meta.width,
      height: meta.height,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [done] = await tx
      .update(generations)
      .set({
        status: "completed",
        upstreamStatus: "COMPLETED",
        textOutput: result.output.text ?? null,
        inferenceTime: result.inferenceTime ?? null,
        remainingCredits: result.remainingCredits ?? generation.remainingCredits,
        completedAt: new Date(),
      })
      .where(and(eq(generations.id, generation.id), inArray(generations.status, ["queued", "processing"])))
      .returning({ id: generations.id });
    if (done && stored.length) await tx.insert(images).values(stored);
  });
}

async function reload(id: string): Promise<Generation> {
  const db = await getDb();
  const [row] = await db.select().from(generations).where(eq(generations.id, id)).limit(1);
  return row!;
}

// --- reads ---------------------------------------------------------------------------------------------

export async function getGenerationForUser(userId: string, id: string): Promise<Generation | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db.select().from(generations).where(and(eq(generations.id, id), eq(generations.userId, userId))).limit(1);
  return row ?? null;
}

export async function imagesOf(generationIds: string[]): Promise<Image[]> {
  if (generationIds.length === 0) return [];
  const db = await getDb();
  return db.select().from(images).where(inArray(images.generationId, generationIds));
}

export async function withImages(rows: Generation[]): Promise<GenerationView[]> {
  const all = await imagesOf(rows.map((r) => r.id));
  return rows.map((row) => generationView(row, all.filter((i) => i.generationId === row.id)));
}

/** The view of one of the user's generations, moved along first if it is still running. */
export async function fetchGenerationView(userId: string, id: string): Promise<GenerationView | null> {
  const generation = await getGenerationForUser(userId, id);
  if (!generation) return null;
  const current = await advanceGeneration(generation);
  const [view] = await withImages([current]);
  return view!;
}

export async function fetchRecentGenerations(userId: string, limit = 8): Promise<GenerationView[]> {
  const db = await getDb();
  const rows = await db.select().from(generations).where(eq(generations.userId, userId)).orderBy(desc(generations.createdAt)).limit(limit);
  return withImages(rows);
}

export async function fetchGallery(userId: string, limit = 200): Promise<GenerationView[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(generations)
    .where(and(eq(generations.userId, userId), eq(generations.status, "completed")))
    .orderBy(desc(generations.createdAt))
    .limit(limit);
  return withImages(rows);
}

export async function getImageForUser(userId: string, id: string): Promise<Image | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await db.select().from(images).where(and(eq(images.id, id), eq(images.userId, userId))).limit(1);
  return row ?? null;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
