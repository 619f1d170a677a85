"use server";
import type { GridPreview, GridView } from "../grids";
import type { GridProblem } from "../grids/template";
import { enqueueGrid, enqueueGridRetry } from "../jobs/enqueue";
import { cancelGrid } from "../grids";
import { authedAction, type Result } from "./safe-action";

/** A table with problems is an answer, not a failure: the form lists them by row and column. */
type Checked<T> = Result<{ problems: GridProblem[] } & { [K in keyof T]: T[K] | null }>;

/** The preview of a grid form: jobs, cost, budget left and the first prompts — or every problem of its table. */
export const previewGridAction = authedAction(async (actor, body: Record<string, unknown>): Promise<Checked<{ preview: GridPreview }>> => {
  const made = await enqueueGrid(actor, body, { dryRun: true });
  if (!made.ok) return made.errors ? { ok: true, preview: null, problems: made.errors } : { ok: false, error: made.error };
  return made.dryRun ? { ok: true, preview: made.preview, problems: [] } : { ok: false, error: "Not a preview." };
});

/** Runs the grid (one key per form: a double click makes one grid). */
export const runGridAction = authedAction(async (actor, body: Record<string, unknown>, key: string): Promise<Checked<{ gridId: string }>> => {
  const made = await enqueueGrid(actor, body, { idempotencyKey: String(key) });
  if (!made.ok) return made.errors ? { ok: true, gridId: null, problems: made.errors } : { ok: false, error: made.error };
  return made.dryRun ? { ok: false, error: "Not run." } : { ok: true, gridId: made.grid.id, problems: [] };
});

/** The grid's failed cells, and only those, run again. */
export const retryGridAction = authedAction(async (actor, gridId: string, key: string): Promise<Result<{ retried: number; grid: GridView }>> => {
  const done = await enqueueGridRetry(actor, String(gridId), { idempotencyKey: String(key) });
  return done.ok ? { ok: true, retried: done.retried, grid: done.grid } : { ok: false, error: done.error };
});

/** Cancels the grid's cells not yet sent. */
export const cancelGridAction = authedAction(async (actor, gridId: string): Promise<Result<{ cancelled: number }>> => {
  const done = await cancelGrid(actor, String(gridId));
  return done.ok ? { ok: true, cancelled: done.cancelled } : { ok: false, error: done.error };
});
