"use server";
import { currentUserId } from "../auth";
import { createGeneration, withImages } from "../generations";
import type { GenerationView } from "../generations/view";
import { wakeWorker } from "../jobs/worker";

export type GenerateState =
  | { ok: true; generation: GenerationView }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * Generate: session → validation → a queued generation with an explicit seed, which the worker sends at
 * once. `idempotencyKey` is made once per click: a double click, a resubmitted form or a retried action
 * returns the same generation and sends nothing twice.
 */
export async function generateAction(input: unknown, idempotencyKey?: string): Promise<GenerateState> {
  const userId = await currentUserId();
  if (!userId) return { ok: false, error: "Your session has ended. Sign in again to generate." };
  if (idempotencyKey !== undefined && typeof idempotencyKey !== "string") return { ok: false, error: "The request carried an invalid idempotency key." };
  const created = await createGeneration(userId, input, idempotencyKey);
  if (!created.ok) return created;
  wakeWorker();
  const [view] = await withImages([created.generation]);
  return { ok: true, generation: view! };
}
