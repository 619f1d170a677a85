"use server";
import { after } from "next/server";
import { currentUserId } from "../auth";
import { createGeneration, fetchGenerationView, startGeneration } from "../generations";
import type { GenerationView } from "../generations/view";

export type GenerateState =
  | { ok: true; generation: GenerationView }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * Generate: session → validation → a generation row with an explicit seed → submit. A v2 submit is quick
 * and awaited, so the card starts with its request id; a v1 call holds on for the whole generation, so it
 * runs after the response and the card follows it by polling like any other job.
 */
export async function generateAction(input: unknown): Promise<GenerateState> {
  const userId = await currentUserId();
  if (!userId) return { ok: false, error: "Your session has ended. Sign in again to generate." };
  const created = await createGeneration(userId, input);
  if (!created.ok) return created;
  const { generation } = created;
  if (generation.transport === "v1") after(() => startGeneration(generation.id));
  else await startGeneration(generation.id);
  const view = await fetchGenerationView(userId, generation.id);
  return { ok: true, generation: view! };
}
