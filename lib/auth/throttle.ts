import "server-only";
import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import { getDb } from "../db";
import { authFailures } from "../db/schema";

/** Five wrong passwords for one account within 15 minutes lock that account's password sign-in for the rest of the window. */
export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

export async function isThrottled(email: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(authFailures)
    .where(and(eq(authFailures.email, email.toLowerCase()), gt(authFailures.createdAt, sql`now() - (${WINDOW_MINUTES} * interval '1 minute')`)));
  return (row?.n ?? 0) >= MAX_FAILURES;
}

export async function recordFailure(email: string): Promise<void> {
  const db = await getDb();
  await db.insert(authFailures).values({ email: email.toLowerCase() });
  // Old entries are of no use: prune as we go rather than with a separate job.
  await db.delete(authFailures).where(lt(authFailures.createdAt, sql`now() - interval '1 day'`));
}

export async function clearFailures(email: string): Promise<void> {
  const db = await getDb();
  await db.delete(authFailures).where(eq(authFailures.email, email.toLowerCase()));
}
