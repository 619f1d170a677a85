import "server-only";
/**
 * The one way a run enters the queue (the form, reproduce and vary, both JSON routes): validated and stored
 * by lib/generations, refused first when the Segmind account cannot pay for it, and the worker woken.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "../db";
import { generations } from "../db/schema";
import { createBatch, type BatchResult, type RunOptions } from "../generations";
import { formatUsd } from "../format";
import { remainingCredits } from "../segmind/credits";
import { wakeWorker } from "./worker";
import type { Actor } from "../workspaces/actor";
import { createPack, type PackResult } from "../packs";
import { finalisePack, generateOwn } from "../packs/finalise";
import { createGrid, retryFailedCells, type GridResult } from "../grids";

/** A placement pack: its generations are one run, admitted like any other; the worker derives its files. */
export function enqueuePack(actor: Actor, body: Record<string, unknown>, options: { idempotencyKey?: string } = {}): Promise<PackResult> {
  return woken(createPack(actor, body, { ...options, admit: refuseBeyondCredits }));
}

/** A pack's chosen drafts (all, without `generationIds`) re-run as finals. */
export function enqueueFinalise(actor: Actor, packId: string, options: { generationIds?: unknown; idempotencyKey?: string } = {}): Promise<PackResult> {
  return woken(finalisePack(actor, packId, { ...options, admit: refuseBeyondCredits }));
}

/** A far-shaped placement's own generation. */
export function enqueueOwnGeneration(actor: Actor, packId: string, placementId: string, options: { idempotencyKey?: string } = {}): Promise<PackResult> {
  return woken(generateOwn(actor, packId, placementId, { ...options, admit: refuseBeyondCredits }));
}

/** A variable grid: one generation per row, one run; `dryRun` only previews. */
export function enqueueGrid(actor: Actor, body: Record<string, unknown>, options: { idempotencyKey?: string; dryRun?: boolean } = {}): Promise<GridResult> {
  return woken(createGrid(actor, body, { ...options, admit: refuseBeyondCredits }));
}

/** A grid's failed cells, and only those, run again. */
export function enqueueGridRetry(actor: Actor, gridId: string, options: { idempotencyKey?: string } = {}) {
  return woken(retryFailedCells(actor, gridId, { ...options, admit: refuseBeyondCredits }));
}

async function woken<R extends { ok: boolean; duplicate?: boolean; retried?: number; dryRun?: boolean }>(making: Promise<R>): Promise<R> {
  const made = await making;
  if (made.ok && !made.duplicate && !made.dryRun && made.retried !== 0) wakeWorker();
  return made;
}

export async function enqueueRun(actor: Actor, input: unknown, options: Omit<RunOptions, "admit"> = {}): Promise<BatchResult> {
  const created = await createBatch(actor, input, { ...options, admit: refuseBeyondCredits });
  if (created.ok && !created.duplicate) wakeWorker();
  return created;
}

/**
 * A run that would cost more than the account has left, counting what is already queued and not yet sent,
 * is stopped here: with $0.10 left, a batch of four at $0.04 would send four and see three fail.
 */
async function refuseBeyondCredits(costUsd: number): Promise<string | null> {
  const credits = await remainingCredits();
  if (credits === null) return null;
  const db = await getDb();
  const [queued] = await db
    .select({ usd: sql<number>`coalesce(sum(${generations.estimatedCostUsd}), 0)::float8` })
    .from(generations)
    .where(and(eq(generations.status, "queued"), isNull(generations.submittedAt)));
  // At Segmind's own precision (hundredths of a cent), so sums of prices do not print as $0.0999….
  const available = Math.round((credits - Number(queued?.usd ?? 0)) * 10_000) / 10_000;
  if (costUsd <= available + 1e-9) return null;
  return `This run costs about ${formatUsd(costUsd)} and the Segmind account has ${formatUsd(Math.max(0, available))} left${Number(queued?.usd ?? 0) > 0 ? " after the runs already queued" : ""}. Top up the account, or make fewer or cheaper images.`;
}
