"use server";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { currentUserId } from "../auth";
import { createGeneration, getGenerationForUser, randomSeed, startGeneration } from "../generations";

/**
 * Reproduce (same recipe, same seed) or Vary (same recipe, new seed) one of the user's generations,
 * then open the new one, which shows its progress and then its image.
 */
export async function rerunAction(generationId: string, mode: "reproduce" | "vary"): Promise<{ error: string } | never> {
  const userId = await currentUserId();
  if (!userId) return { error: "Your session has ended. Sign in again." };
  const source = await getGenerationForUser(userId, String(generationId));
  if (!source) return { error: "This generation does not exist." };
  const { web_search, ...params } = source.params;
  const created = await createGeneration(userId, {
    ...params,
    ...(source.model === "nano-banana-2" ? { web_search: web_search ?? false } : {}),
    model: source.model,
    transport: source.transport,
    seed: mode === "reproduce" ? source.seed : randomSeed(),
    reference_ids: source.references.map((r) => r.uploadId),
  });
  if (!created.ok) return { error: created.error };
  const id = created.generation.id;
  if (created.generation.transport === "v1") after(() => startGeneration(id));
  else await startGeneration(id);
  redirect(`/gallery/${id}`);
}
