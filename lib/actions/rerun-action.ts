"use server";
import { redirect } from "next/navigation";
import { getGenerationForUser, randomSeed } from "../generations";
import { enqueueRun } from "../jobs/enqueue";
import { MODELS } from "../segmind/catalog";
import { authedAction, type Result } from "./safe-action";

/**
 * Reproduce (same recipe, same seed) or Vary (same recipe, new seed) one of the user's generations,
 * then open the new one, which shows its progress and then its image.
 */
export const rerunAction = authedAction(async (userId, generationId: string, mode: "reproduce" | "vary"): Promise<Result> => {
  if (mode !== "reproduce" && mode !== "vary") return { ok: false, error: "Choose Reproduce or Vary." };
  const source = await getGenerationForUser(userId, String(generationId));
  if (!source) return { ok: false, error: "This generation does not exist." };
  const { web_search, ...params } = source.params;
  const created = await enqueueRun(userId, {
    ...params,
    ...(MODELS[source.model].supportsWebSearch ? { web_search: web_search ?? false } : {}),
    model: source.model,
    transport: source.transport,
    seed: mode === "reproduce" ? source.seed : randomSeed(),
    reference_ids: source.references.map((r) => r.uploadId),
  });
  if (!created.ok) return created;
  redirect(`/gallery/${created.generations[0]!.id}`);
});
