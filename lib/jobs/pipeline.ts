import "server-only";
/**
 * One step of a job, taken by whichever worker holds its lease:
 *   queued      → admitted (limits allow) → submitted (v2: request id stored; v1: the image itself)
 *   processing  → polled on the model's poll plan (poll-schedule.ts) → stored, or failed with its reason
 * The rule that shapes it: a POST that may have reached Segmind is never sent again. `submittedAt` is written
 * *before* the POST, so a job found submitted but without a request id (the process died mid-submit) ends
 * as "may have been charged" instead of being re-sent.
 */
import { and, count, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { config } from "../config";
import { getDb } from "../db";
import { generations, type Generation } from "../db/schema";
import { isDatabaseUnavailable } from "../db/errors";
import { failGeneration } from "../generations";
import { segmind } from "../segmind";
import { MODELS } from "../segmind/catalog";
import { SegmindError, isSegmindError } from "../segmind/errors";
import type { SegmindPayloadInput } from "../segmind/schema";
import { getStorage, isStorageUnavailable } from "../storage";
import { getUploads } from "../images/uploads";
import { notifyJobChanged } from "./events";
import { withUpstreamSlot } from "./limits";
import { noteRemainingCredits } from "../segmind/credits";
import { adoptStoredResult, storeResult } from "./finish";
import { pollPlanFor } from "./latency-history";
import { MIN_GAP_MS, nextPollDelay } from "./poll-schedule";

/** Unreadable answers in a row before a running job's card says so. */
export const GARBLED_NOTICE_AFTER = 3;

export interface StepContext {
  owner: string;
  /** False once the worker is stopping: a result waiting for the database gives up then (its manifest stays). */
  keepTrying: () => boolean;
}

/** When the job is next due, in ms from now; null when this step ended it or another worker moved it on. */
export type NextStep = number | null;

/**
 * Takes one step of a leased job and hands the lease back with the job's next due time, which it also
 * returns: the worker comes back for the job exactly then.
 */
export async function stepJob(job: Generation, ctx: StepContext): Promise<NextStep> {
  try {
    return await step(job, ctx);
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      // Not the job's fault: its lease runs out and a worker takes it up again once the database is back.
      console.error(`job ${job.id}: the database cannot be reached; the job is taken up again when it is back`);
      return null;
    }
    if (isStorageUnavailable(error)) {
      // Nor is a bucket outage: Segmind keeps a result for an hour, so the job is asked about again and its
      // files stored once the bucket answers, instead of failing a generation that was paid for.
      console.error(`job ${job.id}: ${error.message}; the job is taken up again when its lease runs out`);
      return null;
    }
    // Nothing a job does may take the worker down: an unexpected error ends this job with a clear reason.
    console.error(`job ${job.id}: unexpected error`, error);
    await failGeneration(job.id, error).catch(() => undefined);
    return null;
  }
}

async function step(job: Generation, ctx: StepContext): Promise<NextStep> {
  const { jobDeadlineMs } = config();
  if (Date.now() - job.createdAt.getTime() > jobDeadlineMs) {
    const minutes = Math.round(jobDeadlineMs / 60_000);
    await failGeneration(
      job.id,
      new SegmindError("timeout", { detail: `no result within ${minutes} minutes`, mayHaveBeenCharged: job.submittedAt !== null, retryable: false }),
      `No result arrived within ${minutes} minutes, so the studio stopped waiting.${job.submittedAt ? " Segmind may have charged for it." : " It was never sent, so nothing was charged."}`,
    );
    return null;
  }
  if (job.status === "queued" && !job.submittedAt) return submit(job, ctx);
  if (job.status === "processing" && !job.requestId) {
    // Submitted, but no request id was recorded. If the answer reached our storage (a v1 image whose row
    // could not be written), it is this job's; otherwise the process that sent it stopped mid-request.
    if (await adoptStoredResult(job)) return null;
    await failGeneration(
      job.id,
      new SegmindError("network", { mayHaveBeenCharged: true, retryable: false }),
      "The studio was interrupted while sending this to Segmind. It may have reached Segmind and been charged, so it was not re-sent; run it again if no image appears.",
    );
    return null;
  }
  if (job.status === "processing") return poll(job, ctx);
  return null;
}

// --- submitting ------------------------------------------------------------------------------------------

type Admission = { admitted: true; job: Generation } | { admitted: false; reason: string; retryInMs: number };

/**
 * Per-user limits, checked and claimed in one transaction under a per-user advisory lock, so two workers
 * cannot both admit a user's fifth job. A held job waits in our queue: it is not dropped.
 */
async function admit(job: Generation, ctx: StepContext): Promise<Admission> {
  const { userConcurrentJobs, userSubmitsPerMinute } = config().limits;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${job.userId}))`);
    const [running] = await tx
      .select({ n: count() })
      .from(generations)
      .where(and(eq(generations.userId, job.userId), eq(generations.status, "processing")));
    if ((running?.n ?? 0) >= userConcurrentJobs) {
      return { admitted: false, reason: `Waiting: you already have ${userConcurrentJobs} jobs running. This one starts when one finishes.`, retryInMs: 1000 };
    }
    const [recent] = await tx
      .select({ n: count() })
      .from(generations)
      .where(and(eq(generations.userId, job.userId), gt(generations.submittedAt, sql`now() - interval '1 minute'`)));
    if ((recent?.n ?? 0) >= userSubmitsPerMinute) {
      return {
        admitted: false,
        reason: `Waiting: the limit of ${userSubmitsPerMinute} runs a minute was reached. This one starts within a minute.`,
        retryInMs: 3000,
      };
    }
    const [claimed] = await tx
      .update(generations)
      .set({ status: "processing", submittedAt: new Date(), holdReason: null })
      .where(and(eq(generations.id, job.id), eq(generations.status, "queued"), isNull(generations.submittedAt), eq(generations.leaseOwner, ctx.owner)))
      .returning();
    if (!claimed) return { admitted: false, reason: "", retryInMs: 0 };
    return { admitted: true, job: claimed };
  });
}

async function submit(job: Generation, ctx: StepContext): Promise<NextStep> {
  let payload: SegmindPayloadInput;
  try {
    // References go to Segmind Storage first: safe to retry, and no generation is paid for yet.
    // No references, no upload: nothing to claim an upstream slot (or a request of the minute) for.
    payload = payloadOf(job, job.references.length ? await withUpstreamSlot("post", () => referenceUrls(job)) : []);
  } catch (error) {
    if (isSegmindError(error) && error.retryable)
      return release(job, ctx, { delayMs: backoff(job.attempts), attempts: job.attempts + 1, holdReason: "Retrying the reference upload…" });
    return fail(job, error);
  }

  const admission = await admit(job, ctx);
  if (!admission.admitted) {
    if (!admission.reason) return null; // someone else moved it on
    return release(job, ctx, { delayMs: admission.retryInMs, holdReason: admission.reason });
  }

  const model = job.model;
  try {
    if (job.transport === "v1") {
      const result = await withUpstreamSlot("post", () => segmind().run(model, payload));
      await storeResult(admission.job, result, { keepTrying: ctx.keepTrying });
      return null;
    }
    const submitted = await withUpstreamSlot("post", () => segmind().submit(model, payload));
    const firstPoll = nextPollDelay(await pollPlanFor(job), Date.now() - admission.job.submittedAt!.getTime(), 0, config().pollIntervalMs);
    const db = await getDb();
    await db
      .update(generations)
      .set({
        requestId: submitted.requestId,
        statusUrl: submitted.statusUrl,
        responseUrl: submitted.responseUrl,
        upstreamStatus: submitted.status,
        remainingCredits: submitted.remainingCredits ?? null,
        attempts: 0,
        nextAttemptAt: sql`now() + (${firstPoll} * interval '1 millisecond')`,
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(eq(generations.id, job.id));
    noteRemainingCredits(submitted.remainingCredits);
    notifyJobChanged(job.id);
    return firstPoll;
  } catch (error) {
    if (isSegmindError(error) && !error.mayHaveBeenCharged && (error.code === "rate_limited" || (error.code === "network" && error.retryable))) {
      // Provably not accepted: back to our queue, to be sent when Segmind will take it.
      const resetAt = error.resetAt?.getTime();
      const delayMs = resetAt ? Math.max(1000, resetAt - Date.now()) : backoff(job.attempts);
      const reason =
        error.code === "rate_limited"
          ? `Waiting for Segmind's rate limit${error.resetAt ? ` (until ${error.resetAt.toISOString().slice(11, 19)} UTC)` : ""}.`
          : "Segmind could not be reached; trying again shortly.";
      return release(job, ctx, { delayMs, attempts: job.attempts + 1, holdReason: reason, unsubmit: true });
    }
    return fail(job, error);
  }
}

async function fail(job: Generation, error: unknown): Promise<NextStep> {
  await failGeneration(job.id, error);
  return null;
}

async function referenceUrls(job: Generation): Promise<string[]> {
  const uploads = await getUploads(
    job,
    job.references.map((r) => r.uploadId),
  );
  if (uploads.length !== job.references.length) {
    throw new SegmindError("bad_request", { detail: "a reference image is no longer available", retryable: false });
  }
  const storage = getStorage();
  const dataUrls: string[] = [];
  for (const upload of uploads) {
    const bytes = await storage.get(upload.storageKey);
    if (!bytes) throw new SegmindError("bad_request", { detail: `reference ${upload.fileName} is missing from storage`, retryable: false });
    dataUrls.push(`data:${upload.contentType};base64,${bytes.toString("base64")}`);
  }
  return segmind().uploadAssets(dataUrls);
}

function payloadOf(job: Generation, imageUrls: string[]): SegmindPayloadInput {
  const { web_search, ...params } = job.params;
  return {
    ...params,
    image_urls: imageUrls,
    ...(MODELS[job.model].supportsWebSearch ? { web_search: web_search ?? false } : {}),
  };
}

// --- polling ---------------------------------------------------------------------------------------------

async function poll(job: Generation, ctx: StepContext): Promise<NextStep> {
  const db = await getDb();
  const { pollIntervalMs } = config();
  // The upstream call is claimed through the database, so however many workers or instances see this job,
  // Segmind is asked about it once per planned call.
  const [claimed] = await db
    .update(generations)
    .set({ lastPolledAt: sql`now()`, statusCalls: sql`${generations.statusCalls} + 1` })
    .where(
      and(
        eq(generations.id, job.id),
        eq(generations.status, "processing"),
        isNotNull(generations.requestId),
        or(isNull(generations.lastPolledAt), lt(generations.lastPolledAt, sql`now() - (${MIN_GAP_MS} * interval '1 millisecond')`)),
      ),
    )
    .returning();
  if (!claimed) return release(job, ctx, { delayMs: MIN_GAP_MS });
  const plan = await pollPlanFor(claimed);
  const elapsed = () => Date.now() - claimed.submittedAt!.getTime();

  try {
    const state = await withUpstreamSlot("get", () => segmind().status(claimed.requestId!, claimed.statusUrl));
    if (state.status === "COMPLETED" || state.status === "FAILED") {
      if (state.status === "COMPLETED") await recordLatency(job, claimed);
      // outcome() throws the FAILED job's own error (content block, …), which fails the generation.
      const result = await withUpstreamSlot("get", () => segmind().outcome(state, claimed.responseUrl));
      await storeResult(claimed, result, { keepTrying: ctx.keepTrying });
      return null;
    }
    if (state.status !== claimed.upstreamStatus) {
      await db.update(generations).set({ upstreamStatus: state.status }).where(eq(generations.id, claimed.id));
    }
    return release(job, ctx, { delayMs: nextPollDelay(plan, elapsed(), claimed.statusCalls, pollIntervalMs), attempts: 0, holdReason: null });
  } catch (error) {
    if (isSegmindError(error) && error.retryable) {
      // Transient (5xx, timeout, garbled body, 429 on a GET): the job stays running and is asked again later.
      const wait = error.resetAt ? Math.max(pollIntervalMs, error.resetAt.getTime() - Date.now()) : Math.max(pollIntervalMs, backoff(job.attempts));
      const attempts = job.attempts + 1;
      // A job that keeps getting unreadable answers says so on its card instead of looking merely slow.
      const holdReason =
        error.code === "malformed_response" && attempts >= GARBLED_NOTICE_AFTER
          ? `Segmind's answer for this job could not be read (${attempts} times in a row). Still asking; the studio gives up after ${Math.round(config().jobDeadlineMs / 60_000)} minutes.`
          : undefined;
      return release(job, ctx, { delayMs: wait, attempts, holdReason });
    }
    return fail(job, error);
  }
}

/**
 * Segmind's latency for a finished job, as well as we can tell: it finished between the previous status call
 * (which saw it running) and this one, so the middle of the two, from submit. Feeds the poll plan. A bracket
 * wider than a second (a plan's first call, seconds after submit) says too little and is not recorded.
 */
async function recordLatency(before: Generation, claimed: Generation): Promise<void> {
  const submitted = claimed.submittedAt!.getTime();
  const lastRunning = before.lastPolledAt?.getTime() ?? submitted;
  const seenDone = claimed.lastPolledAt!.getTime();
  if (seenDone - lastRunning > Math.max(1000, config().pollIntervalMs) + MIN_GAP_MS) return;
  const upstreamMs = Math.max(0, Math.round((lastRunning + seenDone) / 2 - submitted));
  const db = await getDb();
  await db.update(generations).set({ upstreamMs }).where(eq(generations.id, claimed.id));
}

// --- leases ----------------------------------------------------------------------------------------------

async function release(
  job: Generation,
  ctx: StepContext,
  next: { delayMs: number; attempts?: number; holdReason?: string | null; unsubmit?: boolean },
): Promise<NextStep> {
  const db = await getDb();
  await db
    .update(generations)
    .set({
      leaseOwner: null,
      leaseUntil: null,
      nextAttemptAt: sql`now() + (${Math.round(next.delayMs)} * interval '1 millisecond')`,
      ...(next.attempts !== undefined ? { attempts: next.attempts } : {}),
      ...(next.holdReason !== undefined ? { holdReason: next.holdReason } : {}),
      ...(next.unsubmit ? { status: "queued" as const, submittedAt: null } : {}),
    })
    .where(and(eq(generations.id, job.id), eq(generations.leaseOwner, ctx.owner), inArray(generations.status, ["queued", "processing"])));
  notifyJobChanged(job.id);
  return next.delayMs;
}

function backoff(attempts: number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempts, 5));
  return base / 2 + Math.random() * (base / 2);
}
