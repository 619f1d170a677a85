import "server-only";
/**
 * The worker: advances due jobs whether or not anyone is watching. It starts with the server (see
 * instrumentation.ts), leases jobs through the database (`FOR UPDATE SKIP LOCKED` plus a lease expiry, so
 * several instances on one PostgreSQL share the work and a crashed instance's jobs are picked up again),
 * and keeps the leases of long steps (a v1 call) alive with a heartbeat.
 */
import { and, asc, eq, inArray, isNull, lt, lte, notInArray, or, sql } from "drizzle-orm";
import { config } from "../config";
import { getDb } from "../db";
import { isDatabaseUnavailable } from "../db/errors";
import { generations } from "../db/schema";
import { stepJob } from "./pipeline";

const LEASE_MS = 30_000;
// Idle re-check of the queue, for work other instances scheduled; own jobs wake the worker on time.
const TICK_MS = 500;
const HEARTBEAT_MS = 10_000;

interface WorkerState {
  running: boolean;
  owner: string;
  inflight: Map<string, Promise<void>>;
  /** Set by wake(); a wake that arrives while the loop is busy is not lost. */
  woken: boolean;
  resolveSleep?: () => void;
  wake: () => void;
  loop?: Promise<void>;
  heartbeat?: ReturnType<typeof setInterval>;
}

// On globalThis: server actions and instrumentation can be bundled apart, but there is one worker a process.
const holder = globalThis as unknown as { __nanoWorker?: WorkerState };

export function startWorker(): void {
  if (holder.__nanoWorker?.running) return;
  const { instanceId } = config().worker;
  const state: WorkerState = {
    running: true,
    owner: instanceId,
    inflight: new Map(),
    woken: false,
    wake: () => {
      state.woken = true;
      state.resolveSleep?.();
    },
  };
  holder.__nanoWorker = state;
  state.heartbeat = setInterval(() => void renewLeases(state).catch(() => undefined), HEARTBEAT_MS);
  state.heartbeat.unref?.();
  state.loop = run(state);
}

/** New work was queued: look now rather than at the next tick. */
export function wakeWorker(): void {
  holder.__nanoWorker?.wake();
}

/** A job this worker released falls due in `ms`: look again then, not at the next idle tick. */
function wakeWorkerIn(ms: number): void {
  const timer = setTimeout(() => holder.__nanoWorker?.wake(), Math.max(0, ms) + 5);
  timer.unref?.();
}

export async function stopWorker(): Promise<void> {
  const state = holder.__nanoWorker;
  if (!state) return;
  state.running = false;
  state.wake();
  clearInterval(state.heartbeat);
  await state.loop;
  await Promise.allSettled(state.inflight.values());
  holder.__nanoWorker = undefined;
}

/**
 * Graceful stop (SIGTERM): take no new jobs, let steps in flight finish for up to `graceMs`, and hand back
 * what this instance still holds so another instance takes it up at once. A step still running after the
 * grace keeps its lease: it may be mid-POST, and only the lease running out may let anyone else near it.
 */
export async function drainWorker(graceMs: number): Promise<{ finished: number; leftRunning: number }> {
  const state = holder.__nanoWorker;
  if (!state) return { finished: 0, leftRunning: 0 };
  state.running = false;
  state.wake();
  clearInterval(state.heartbeat);
  await state.loop;
  const inflight = state.inflight.size;
  await Promise.race([Promise.allSettled(state.inflight.values()), new Promise((r) => setTimeout(r, graceMs))]);
  const stillRunning = [...state.inflight.keys()];
  const db = await getDb();
  await db
    .update(generations)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(generations.leaseOwner, state.owner), stillRunning.length ? notInArray(generations.id, stillRunning) : undefined));
  holder.__nanoWorker = undefined;
  return { finished: inflight - stillRunning.length, leftRunning: stillRunning.length };
}

async function run(state: WorkerState): Promise<void> {
  const { concurrency } = config().worker;
  while (state.running) {
    try {
      const room = concurrency - state.inflight.size;
      const jobs = room > 0 ? await leaseDueJobs(state.owner, room, [...state.inflight.keys()]) : [];
      for (const job of jobs) {
        const task = stepJob(job, { owner: state.owner, keepTrying: () => state.running })
          .then((next) => {
            if (next !== null) wakeWorkerIn(next);
          })
          .finally(() => {
            state.inflight.delete(job.id);
            // A slot is free: there may be due work waiting for it.
            if (state.inflight.size === concurrency - 1) state.wake();
          });
        state.inflight.set(job.id, task);
      }
      if (jobs.length === room && room > 0) continue;
    } catch (error) {
      // The database may be restarting: keep the loop alive and try again.
      console.error(
        isDatabaseUnavailable(error) ? "worker: the database cannot be reached; trying again in 2 s" : "worker: could not lease jobs",
        isDatabaseUnavailable(error) ? "" : error,
      );
      await sleep(2000);
    }
    if (!state.woken) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, TICK_MS);
        state.resolveSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    state.woken = false;
    state.resolveSleep = undefined;
  }
}

/** Due jobs, leased to `owner`; never one this worker is still stepping (its lease may have run out during a database outage). */
async function leaseDueJobs(owner: string, limit: number, busy: string[]) {
  const db = await getDb();
  const due = db
    .select({ id: generations.id })
    .from(generations)
    .where(
      and(
        inArray(generations.status, ["queued", "processing"]),
        lte(generations.nextAttemptAt, sql`now()`),
        or(isNull(generations.leaseUntil), lt(generations.leaseUntil, sql`now()`)),
        busy.length ? notInArray(generations.id, busy) : undefined,
      ),
    )
    .orderBy(asc(generations.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(generations)
    .set({ leaseOwner: owner, leaseUntil: sql`now() + (${LEASE_MS} * interval '1 millisecond')`, lastWorker: owner })
    .where(inArray(generations.id, due))
    .returning();
}

async function renewLeases(state: WorkerState): Promise<void> {
  const ids = [...state.inflight.keys()];
  if (ids.length === 0) return;
  const db = await getDb();
  await db
    .update(generations)
    .set({ leaseUntil: sql`now() + (${LEASE_MS} * interval '1 millisecond')` })
    .where(and(inArray(generations.id, ids), eq(generations.leaseOwner, state.owner)));
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
