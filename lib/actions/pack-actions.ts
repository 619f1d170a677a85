"use server";
/** Placement packs from the studio: made like a run (credits, budgets, roles), followed on their own page. */
import { enqueuePack } from "../jobs/enqueue";
import { authedAction, type Result } from "./safe-action";

export const createPackAction = authedAction(
  async (actor, recipe: Record<string, unknown>, placements: string[], idempotencyKey?: string): Promise<Result<{ id: string }>> => {
    if (!recipe || typeof recipe !== "object" || !Array.isArray(placements)) return { ok: false, error: "Choose at least one placement." };
    const created = await enqueuePack(
      actor,
      { ...recipe, placements: placements.map(String) },
      { idempotencyKey: typeof idempotencyKey === "string" ? idempotencyKey : undefined },
    );
    return created.ok ? { ok: true, id: created.pack.id } : { ok: false, error: created.error, fieldErrors: created.fieldErrors };
  },
);
