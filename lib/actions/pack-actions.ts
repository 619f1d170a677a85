"use server";
/** Placement packs from the studio: made like a run (credits, budgets, roles), followed on their own page. */
import { enqueueFinalise, enqueueOwnGeneration, enqueuePack } from "../jobs/enqueue";
import type { PackResult } from "../packs";
import { decidePack, sendPackForReview } from "../packs/review";
import { setPackOnBoard } from "../library/boards";
import type { Decision } from "../review";
import { authedAction, type Result } from "./safe-action";

const answer = (made: PackResult): Result<{ id: string }> =>
  made.ok ? { ok: true, id: made.pack.id } : { ok: false, error: made.error, fieldErrors: made.fieldErrors };
const key = (idempotencyKey: unknown) => (typeof idempotencyKey === "string" ? idempotencyKey : undefined);

export const createPackAction = authedAction(
  async (actor, recipe: Record<string, unknown>, placements: string[], idempotencyKey?: string, draft?: string | null): Promise<Result<{ id: string }>> => {
    if (!recipe || typeof recipe !== "object" || !Array.isArray(placements)) return { ok: false, error: "Choose at least one placement." };
    return answer(
      await enqueuePack(actor, { ...recipe, placements: placements.map(String), ...(draft ? { draft } : {}) }, { idempotencyKey: key(idempotencyKey) }),
    );
  },
);

/** Finalise the chosen drafts of a pack. */
export const finalisePackAction = authedAction(
  async (actor, packId: string, generationIds: string[], idempotencyKey?: string): Promise<Result<{ id: string }>> =>
    answer(await enqueueFinalise(actor, String(packId), { generationIds, idempotencyKey: key(idempotencyKey) })),
);

/** A generation of its own for one far-shaped placement. */
export const generateOwnAction = authedAction(async (actor, packId: string, placementId: string, idempotencyKey?: string): Promise<Result<{ id: string }>> =>
  answer(await enqueueOwnGeneration(actor, String(packId), String(placementId), { idempotencyKey: key(idempotencyKey) })),
);

/** Send a pack for review (owners, editors). */
export const sendPackForReviewAction = authedAction(async (actor, packId: string): Promise<Result> => sendPackForReview(actor, String(packId)));

/** Approve a pack (every file's SHA-256 recorded) or ask for changes with a note (owners, reviewers). */
export const decidePackAction = authedAction(async (actor, packId: string, decision: Decision, note?: string): Promise<Result> =>
  decidePack(actor, String(packId), decision, note),
);

/** Put a pack on a board, or take it off. */
export const packOnBoardAction = authedAction(async (actor, boardId: string, packId: string, on: boolean): Promise<Result> => {
  const changed = await setPackOnBoard(actor, String(boardId), String(packId), on === true);
  return changed.ok ? { ok: true } : changed;
});
