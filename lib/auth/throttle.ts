import "server-only";
/**
 * Password guessing is slowed down with growing delays, never a hard lock of an account:
 * - per account and client address: 5 free failures, then 15 s, 30 s, 1 min … up to 15 min between tries;
 * - per account from anywhere: 20 free failures, then 5 s, 10 s … up to 60 s (a distributed guesser is slowed,
 *   but a colleague is never locked out for long);
 * - per client address across accounts: 50 free failures, then 15 s … up to 15 min.
 *
 * The rule that shapes it: an attempt is *counted before the password is checked*, in one transaction that
 * holds a lock per key, so a burst of simultaneous guesses is counted one after another and only the free
 * ones reach bcrypt. A successful sign-in takes its own attempt back.
 */
import { and, count, gt, inArray, lt, max, sql } from "drizzle-orm";
import { getDb } from "../db";
import { signInFailures } from "../db/schema";

interface Rule {
  key: string;
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Failures older than this no longer count. */
const WINDOW_MS = 60 * 60 * 1000;

function rules(email: string, client: string): Rule[] {
  const account = email.trim().toLowerCase();
  return [
    { key: `pair:${account}|${client}`, free: 5, firstDelayMs: 15_000, maxDelayMs: 15 * 60_000 },
    { key: `account:${account}`, free: 20, firstDelayMs: 5_000, maxDelayMs: 60_000 },
    { key: `client:${client}`, free: 50, firstDelayMs: 15_000, maxDelayMs: 15 * 60_000 },
  ];
}

/** How long a key must rest after `failures` failures, the last at `last`; 0 when it may try now. */
export function waitMs(rule: Pick<Rule, "free" | "firstDelayMs" | "maxDelayMs">, failures: number, last: Date | null, now = Date.now()): number {
  if (failures < rule.free || !last) return 0;
  const delay = Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** (failures - rule.free));
  return Math.max(0, last.getTime() + delay - now);
}

export type Attempt = { allowed: true; ids: string[] } | { allowed: false; retryAfterSeconds: number };

/**
 * Takes an attempt for `email` from `client`: refused (with the wait) while any of its keys must rest;
 * otherwise recorded as a failure now, before the password is checked. Call `attemptSucceeded` after a
 * right password.
 */
export async function takeAttempt(email: string, client: string): Promise<Attempt> {
  const list = rules(email, client);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One lock per key, always taken in the same order, so concurrent attempts queue instead of deadlocking.
    for (const key of list.map((r) => r.key).sort()) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    const since = sql`now() - (${WINDOW_MS} * interval '1 millisecond')`;
    const rows = await tx
      .select({ key: signInFailures.key, n: count(), last: max(signInFailures.createdAt) })
      .from(signInFailures)
      .where(
        and(
          inArray(
            signInFailures.key,
            list.map((r) => r.key),
          ),
          gt(signInFailures.createdAt, since),
        ),
      )
      .groupBy(signInFailures.key);
    const [{ now }] = (await tx.execute<{ now: Date }>(sql`select now() as now`)).rows as [{ now: Date }];
    const wait = Math.max(
      0,
      ...list.map((rule) => {
        const row = rows.find((r) => r.key === rule.key);
        return waitMs(rule, row?.n ?? 0, row?.last ? new Date(row.last) : null, new Date(now).getTime());
      }),
    );
    if (wait > 0) return { allowed: false as const, retryAfterSeconds: Math.ceil(wait / 1000) };
    const inserted = await tx
      .insert(signInFailures)
      .values(list.map((r) => ({ key: r.key })))
      .returning({ id: signInFailures.id });
    // Old entries are of no use: prune as we go rather than with a separate job.
    await tx.delete(signInFailures).where(lt(signInFailures.createdAt, sql`now() - interval '1 day'`));
    return { allowed: true as const, ids: inserted.map((r) => r.id) };
  });
}

/** The password was right: this attempt was no failure, and the account's slate from this client is clean. */
export async function attemptSucceeded(email: string, client: string, attempt: { ids: string[] }): Promise<void> {
  const db = await getDb();
  const [pair] = rules(email, client);
  await db.delete(signInFailures).where(inArray(signInFailures.id, attempt.ids));
  await db.delete(signInFailures).where(inArray(signInFailures.key, [pair!.key]));
}

/**
 * The address a request came from: the last `X-Forwarded-For` entry, which is the one the nearest hop wrote
 * (Next.js writes the socket's address when no proxy did). A client can forge the entries before it, and
 * without a proxy even that one: the per-account rule is what bounds guessing from forged addresses.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return (forwarded?.at(-1) ?? headers.get("x-real-ip") ?? "unknown").slice(0, 100);
}
