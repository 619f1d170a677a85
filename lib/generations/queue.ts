import "server-only";
/**
 * The queue panel's data: every job of the user in the active workspace that is not finished, wherever it was started. A job that
 * has not been sent to Segmind can be cancelled (nothing is charged); one that has can only be dismissed
 * from the panel: it still finishes and lands in the gallery.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "../db";
import { generations } from "../db/schema";
import { notifyJobChanged } from "../jobs/events";
import { MODELS, isModelId } from "../segmind/catalog";
import { isUuid } from "../ids";
import type { Actor } from "../workspaces/actor";

export interface QueueEntry {
  id: string;
  status: "queued" | "processing";
  prompt: string;
  modelName: string;
  seed: number;
  createdAt: string;
  /** When it was sent to Segmind: time spent generating counts from here, time waiting from `createdAt`. */
  submittedAt: string | null;
  holdReason: string | null;
  /** The run it belongs to (a batch of 1–8), so the panel can group it and cancel the rest at once. */
  batchId: string | null;
  batchIndex: number;
  /** Not yet sent upstream, so cancelling it costs nothing. */
  cancellable: boolean;
}

const pending = inArray(generations.status, ["queued", "processing"]);

/** One's own jobs in this workspace (a teammate's runs are theirs to cancel). */
function mine(actor: Actor) {
  return and(eq(generations.userId, actor.userId), eq(generations.workspaceId, actor.workspaceId))!;
}

export async function fetchQueue(actor: Actor): Promise<QueueEntry[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(generations)
    .where(and(mine(actor), pending, isNull(generations.dismissedAt)))
    .orderBy(asc(generations.createdAt), asc(generations.batchIndex))
    .limit(200);
  return rows.map((g) => ({
    id: g.id,
    status: g.status as QueueEntry["status"],
    prompt: g.prompt,
    modelName: isModelId(g.model) ? MODELS[g.model].name : g.model,
    seed: g.seed,
    createdAt: g.createdAt.toISOString(),
    submittedAt: g.submittedAt?.toISOString() ?? null,
    holdReason: g.holdReason,
    batchId: g.batchId,
    batchIndex: g.batchIndex,
    cancellable: g.status === "queued" && g.submittedAt === null,
  }));
}

export type QueueChange = { ok: true } | { ok: false; error: string };

/**
 * Cancels a job that was never sent. The worker marks `submittedAt` under its lease before it POSTs, so a
 * job that is unleased and unsubmitted here cannot be in flight: the update and the worker exclude each other.
 */
export async function cancelJob(actor: Actor, id: string): Promise<QueueChange> {
  if (!isUuid(id)) return { ok: false, error: "This job does not exist." };
  const db = await getDb();
  const [done] = await db
    .update(generations)
    .set({
      status: "failed",
      errorCode: "cancelled",
      errorMessage: "Cancelled before it was sent to Segmind. Nothing was charged.",
      completedAt: new Date(),
      holdReason: null,
    })
    .where(
      and(
        eq(generations.id, id),
        mine(actor),
        eq(generations.status, "queued"),
        isNull(generations.submittedAt),
        or(isNull(generations.leaseUntil), lt(generations.leaseUntil, sql`now()`)),
      ),
    )
    .returning({ id: generations.id });
  if (done) {
    notifyJobChanged(id);
    return { ok: true };
  }
  const [job] = await db
    .select({ status: generations.status })
    .from(generations)
    .where(and(eq(generations.id, id), mine(actor)));
  if (!job) return { ok: false, error: "This job does not exist." };
  if (job.status === "completed" || job.status === "failed") return { ok: false, error: "This job has already finished." };
  return { ok: false, error: "This job is already on its way to Segmind, so it can no longer be cancelled. Dismiss it instead." };
}

export async function dismissJob(actor: Actor, id: string): Promise<QueueChange> {
  if (!isUuid(id)) return { ok: false, error: "This job does not exist." };
  const db = await getDb();
  const [done] = await db
    .update(generations)
    .set({ dismissedAt: new Date() })
    .where(and(eq(generations.id, id), mine(actor)))
    .returning({ id: generations.id });
  return done ? { ok: true } : { ok: false, error: "This job does not exist." };
}

/** Cancels every job of a run that has not been sent yet; the ones already on their way carry on. */
export async function cancelBatch(actor: Actor, batchId: string): Promise<{ ok: true; cancelled: number } | { ok: false; error: string }> {
  if (!isUuid(batchId)) return { ok: false, error: "This run does not exist." };
  const db = await getDb();
  const jobs = await db
    .select({ id: generations.id })
    .from(generations)
    .where(and(mine(actor), eq(generations.batchId, batchId), eq(generations.status, "queued"), isNull(generations.submittedAt)));
  let cancelled = 0;
  // One by one through cancelJob, which is what keeps a cancel and the worker from both winning.
  for (const job of jobs) if ((await cancelJob(actor, job.id)).ok) cancelled++;
  return { ok: true, cancelled };
}
