import "server-only";
/**
 * The caps on requests to Segmind, for the whole deployment: at most `MAX_UPSTREAM_CONCURRENCY` in flight and,
 * when `SEGMIND_REQUESTS_PER_MINUTE` is set, at most that many generation and upload POSTs in any minute —
 * however many instances share the database. Each call claims a row in `upstream_calls` under one advisory
 * lock; the row is leased and renewed while the call runs, so a crashed instance's slots free themselves.
 * A process-local queue in front keeps an instance's waiting calls from all asking the database at once.
 */
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { config } from "../config";
import { getDb } from "../db";
import { upstreamCalls } from "../db/schema";
import { SegmindError } from "../segmind/errors";

/** A POST counts toward the key's requests a minute; a status or result GET only toward the in-flight cap. */
export type UpstreamCall = "post" | "get";

const LEASE_MS = 30_000;
// Counted a second longer than Segmind's minute: our start time is a little before the request reaches it.
const RATE_WINDOW_MS = 61_000;
// A POST that would wait longer than this for the rate window goes back to the queue with a visible reason.
const LONGEST_RATE_WAIT_MS = 2_000;
const FULL_RETRY_MS = 50;

const local = globalThis as unknown as { __nanoUpstream?: { active: number; waiting: (() => void)[] } };

export async function withUpstreamSlot<T>(kind: UpstreamCall, task: () => Promise<T>): Promise<T> {
  const slots = (local.__nanoUpstream ??= { active: 0, waiting: [] });
  while (slots.active >= config().limits.upstreamConcurrency) {
    await new Promise<void>((resolve) => slots.waiting.push(resolve));
  }
  slots.active++;
  try {
    const claim = await claimDeploymentSlot(kind);
    const renew = setInterval(() => void renewClaim(claim).catch(() => undefined), LEASE_MS / 3);
    renew.unref?.();
    try {
      return await task();
    } finally {
      clearInterval(renew);
      await endClaim(claim).catch(() => undefined); // its lease runs out on its own if this fails
    }
  } finally {
    slots.active--;
    slots.waiting.shift()?.();
  }
}

type Attempt = { id: string } | { waitMs: number; rateLimited: boolean; resetAt?: Date };

async function claimDeploymentSlot(kind: UpstreamCall): Promise<string> {
  for (;;) {
    const attempt = await tryClaim(kind);
    if ("id" in attempt) return attempt.id;
    if (attempt.rateLimited && attempt.waitMs > LONGEST_RATE_WAIT_MS) {
      // Never sent, so safe to send later: the job is queued again until the window has room.
      throw new SegmindError("rate_limited", {
        detail: `the studio's limit of ${config().limits.requestsPerMinute} requests a minute to Segmind`,
        resetAt: attempt.resetAt,
        retryable: true,
        mayHaveBeenCharged: false,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, attempt.waitMs));
  }
}

async function tryClaim(kind: UpstreamCall): Promise<Attempt> {
  const { upstreamConcurrency, requestsPerMinute } = config().limits;
  const { instanceId } = config().worker;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('nano-studio:upstream'))`);
    // Forget what no longer counts toward anything: ended or abandoned, and older than the rate window.
    await tx
      .delete(upstreamCalls)
      .where(
        and(
          or(sql`${upstreamCalls.endedAt} is not null`, lt(upstreamCalls.leaseUntil, sql`now()`)),
          lt(upstreamCalls.startedAt, sql`now() - (${RATE_WINDOW_MS} * interval '1 millisecond')`),
        ),
      );
    const [usage] = await tx
      .select({
        inFlight: sql<number>`count(*) filter (where ${upstreamCalls.endedAt} is null and ${upstreamCalls.leaseUntil} >= now())`.mapWith(Number),
        lastMinute: sql<number>`count(*) filter (where ${upstreamCalls.rateLimited})`.mapWith(Number),
        // When the oldest counted POST leaves the window, in ms from now.
        oldestLeavesInMs:
          sql<number>`coalesce(extract(epoch from (min(${upstreamCalls.startedAt}) filter (where ${upstreamCalls.rateLimited}) + (${RATE_WINDOW_MS} * interval '1 millisecond') - now())) * 1000, 0)`.mapWith(
            Number,
          ),
      })
      .from(upstreamCalls);
    if (kind === "post" && requestsPerMinute && usage!.lastMinute >= requestsPerMinute) {
      const waitMs = Math.max(FULL_RETRY_MS, Math.ceil(usage!.oldestLeavesInMs));
      return { waitMs, rateLimited: true, resetAt: new Date(Date.now() + waitMs) };
    }
    if (usage!.inFlight >= upstreamConcurrency) return { waitMs: FULL_RETRY_MS + Math.random() * FULL_RETRY_MS, rateLimited: false };
    const [row] = await tx
      .insert(upstreamCalls)
      .values({ holder: instanceId, rateLimited: kind === "post", leaseUntil: sql`now() + (${LEASE_MS} * interval '1 millisecond')` })
      .returning({ id: upstreamCalls.id });
    return { id: row!.id };
  });
}

async function renewClaim(id: string) {
  const db = await getDb();
  await db
    .update(upstreamCalls)
    .set({ leaseUntil: sql`now() + (${LEASE_MS} * interval '1 millisecond')` })
    .where(and(eq(upstreamCalls.id, id), isNull(upstreamCalls.endedAt)));
}

async function endClaim(id: string) {
  const db = await getDb();
  await db
    .update(upstreamCalls)
    .set({ endedAt: sql`now()` })
    .where(eq(upstreamCalls.id, id));
}
