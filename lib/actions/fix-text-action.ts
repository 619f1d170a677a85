"use server";
import { getGeneration, recipeFrom, withImages } from "../generations";
import type { GenerationView } from "../generations/view";
import { textToFix } from "../checks/findings";
import { generationAsReference } from "../images/uploads";
import { enqueueRun } from "../jobs/enqueue";
import { MAX_REFERENCE_IMAGES } from "../segmind/catalog";
import { authedAction, type Result } from "./safe-action";

/**
 * "Fix the text": the same recipe and seed, the image attached as the first reference, and the prompt naming
 * what was read wrong and what is missing — a new version of the creative (the original is kept), checked again.
 */
export const fixTextAction = authedAction(async (actor, generationId: string): Promise<Result<{ generation: GenerationView }>> => {
  const source = await getGeneration(actor, String(generationId));
  if (!source) return { ok: false, error: "This generation does not exist." };
  if (!source.copy || source.checks?.status !== "failed") return { ok: false, error: "Only an image whose text check failed can be fixed." };
  const fix = textToFix(source.checks);
  if (fix.wrong.length === 0 && fix.missing.length === 0) return { ok: false, error: "Its text reads as written: nothing to fix (see the other findings)." };
  const reference = await generationAsReference(actor, source.id);
  if (!reference.ok) return reference;
  const created = await enqueueRun(
    actor,
    { ...recipeFrom(source), reference_ids: [reference.id, ...source.references.map((r) => r.uploadId)].slice(0, MAX_REFERENCE_IMAGES) },
    { source: { generationId: source.id, how: "fix", creativeId: source.creativeId ?? source.id, fix } },
  );
  if (!created.ok) return created;
  const [generation] = await withImages(created.generations);
  return { ok: true, generation: generation! };
});
