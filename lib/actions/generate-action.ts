"use server";
import { withImages } from "../generations";
import type { GenerationView } from "../generations/view";
import { enqueueRun } from "../jobs/enqueue";
import { authedAction, type Result } from "./safe-action";

export type GenerateState = Result<{ generations: GenerationView[] }>;

/**
 * Generate: session → validation → 1–8 queued generations (one per image, each with an explicit seed),
 * which the worker sends at once. `idempotencyKey` is made once per click: a double click, a resubmitted
 * form or a retried action returns the same generations and sends nothing twice.
 */
export const generateAction = authedAction(
  async (actor, input: unknown, idempotencyKey?: string, count: number = 1, board?: string): Promise<GenerateState> => {
    if (idempotencyKey !== undefined && typeof idempotencyKey !== "string") return { ok: false, error: "The request carried an invalid idempotency key." };
    const created = await enqueueRun(actor, input, { count, idempotencyKey, board });
    if (!created.ok) return created;
    return { ok: true, generations: await withImages(created.generations) };
  },
);
