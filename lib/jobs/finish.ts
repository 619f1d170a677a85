import "server-only";
/**
 * The pipeline's finish step: an ended job's answer becomes our files. Every output image is fetched (or
 * taken from the bytes in hand), kept with a WebP thumbnail, and the generation completed — before Segmind's
 * one-hour retention runs out.
 *
 * The answer may have been paid for and cannot be asked for again (v1), so it is never dropped for a
 * database blip: the files and a small manifest are written first, the row is retried until the database
 * answers, and a worker that finds the job later adopts the manifest (`adoptStoredResult`).
 */
import { createHash } from "node:crypto";
import { isDatabaseUnavailable } from "../db/errors";
import type { Generation } from "../db/schema";
import { completeGeneration, type StoredImage, type StoredResult } from "../generations";
import { extensionFor, sniffImageType } from "../images/image-type";
import { segmind } from "../segmind";
import type { GenerationResult } from "../segmind/client";
import { noteRemainingCredits } from "../segmind/credits";
import { SegmindError } from "../segmind/errors";
import sharp from "../images/sharp";
import { makeThumbnail } from "../images/thumbnail";
import { getStorage } from "../storage";
import { derivePackAssets } from "../packs";
import { scheduleChecks } from "../checks";

const resultKey = (generation: Pick<Generation, "userId" | "id">) => `generations/${generation.userId}/${generation.id}/result.json`;

export async function storeResult(generation: Generation, result: GenerationResult, options: { keepTrying?: () => boolean } = {}): Promise<void> {
  const storage = getStorage();
  const stored: StoredImage[] = [];
  for (const [position, output] of result.output.images.entries()) {
    const fetched = output.kind === "bytes" ? output : await segmind().fetchImage(output.url);
    const bytes = fetched.bytes;
    const contentType = sniffImageType(bytes) ?? fetched.contentType;
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height) throw new SegmindError("malformed_response", { detail: "the output is not a readable image", retryable: false });
    const base = `generations/${generation.userId}/${generation.id}/${position}`;
    const storageKey = `${base}.${extensionFor(contentType)}`;
    const thumbKey = `${base}.thumb.webp`;
    // Keys are fixed per generation and position: a repeated store overwrites the same files. The original is
    // written while the thumbnail is made: on a bucket, the upload's round trip is the slow part.
    const [thumb] = await Promise.all([makeThumbnail(bytes), storage.put(storageKey, bytes, contentType)]);
    await storage.put(thumbKey, thumb, "image/webp");
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
  const manifest: StoredResult = {
    images: stored,
    text: result.output.text ?? null,
    inferenceTime: result.inferenceTime ?? null,
    remainingCredits: result.remainingCredits ?? generation.remainingCredits,
  };
  noteRemainingCredits(result.remainingCredits);
  await storage.put(resultKey(generation), Buffer.from(JSON.stringify(manifest)), "application/json");
  await untilDatabaseAnswers(`generation ${generation.id}`, () => completeGeneration(generation.id, manifest), options.keepTrying);
  await derivePlacements(generation);
  // The text is read back off the job's path: the worker goes on to its next job at once.
  if (generation.checks) void scheduleChecks(generation.id);
}

/**
 * A pack's source just landed: its placements are derived now, in the worker, from the stored file. A failure
 * here never fails the job (the image is stored); the pack's page derives whatever is still waiting.
 */
async function derivePlacements(generation: Pick<Generation, "id" | "packId">): Promise<void> {
  if (!generation.packId) return;
  await derivePackAssets(generation.id).catch((error: unknown) => console.error(`generation ${generation.id}: deriving its placements failed`, error));
}

/**
 * A job found "sent, but no answer recorded": if its answer reached our storage before the process or the
 * database went away, complete it from there. True when it did.
 */
export async function adoptStoredResult(generation: Generation): Promise<boolean> {
  const bytes = await getStorage().get(resultKey(generation));
  if (!bytes) return false;
  const manifest = JSON.parse(bytes.toString("utf8")) as StoredResult;
  console.log(`generation ${generation.id}: completed from the answer already in storage`);
  await completeGeneration(generation.id, manifest);
  await derivePlacements(generation);
  return true;
}

/** Retries `write` with growing pauses while the database cannot be reached and `keepTrying` allows. */
async function untilDatabaseAnswers(what: string, write: () => Promise<void>, keepTrying: () => boolean = () => true): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || !keepTrying()) throw error;
      const pause = Math.min(10_000, 250 * 2 ** attempt);
      console.error(`${what}: the database cannot be reached; the result is kept and written again in ${pause} ms`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
