"use server";
import { getGeneration, randomSeed, recipeFrom, withImages } from "../generations";
import type { GenerationView } from "../generations/view";
import { dismissJob } from "../generations/queue";
import { enqueueRun } from "../jobs/enqueue";
import { authedAction, type Result } from "./safe-action";

const MODES = ["reproduce", "vary", "retry"] as const;
type Mode = (typeof MODES)[number];

/**
 * Makes a new image from one of the user's generations — Reproduce (same recipe and seed), Vary (same recipe,
 * new seed) or Retry (a failed one again, as it was) — and links it to its source. It answers with the new
 * generation: the detail page opens it, the studio shows it as a new run (a retry in place of the failed card).
 */
export const rerunAction = authedAction(async (actor, generationId: string, mode: Mode): Promise<Result<{ generation: GenerationView }>> => {
  if (!MODES.includes(mode)) return { ok: false, error: "Choose Reproduce, Vary or Retry." };
  const source = await getGeneration(actor, String(generationId));
  if (!source) return { ok: false, error: "This generation does not exist." };
  if (mode === "retry" && source.status !== "failed") return { ok: false, error: "Only a failed generation can be retried." };
  const created = await enqueueRun(
    actor,
    { ...recipeFrom(source), ...(mode === "vary" ? { seed: randomSeed() } : {}) },
    { source: { generationId: source.id, how: mode, creativeId: mode === "retry" ? source.creativeId : (source.creativeId ?? source.id) } },
  );
  if (!created.ok) return created;
  // The failed card gives way to its retry.
  if (mode === "retry") await dismissJob(actor, source.id);
  const [generation] = await withImages(created.generations);
  return { ok: true, generation: generation! };
});
