import "server-only";
/** What the instance admin sees and changes on /admin: every account, what it has spent, and whether it may sign in. */
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { getDb } from "../db";
import { generations, users } from "../db/schema";
import { isUuid } from "../ids";

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: "admin" | "member";
  createdAt: string;
  disabled: boolean;
  generations: number;
  /** Estimated USD of every run Segmind was asked to do: finished, running, or failed after it may have charged. */
  spentUsd: number;
}

export async function listUsers(): Promise<UserSummary[]> {
  const db = await getDb();
  const charged = sql`${generations.status} = 'completed' or ${generations.mayHaveBeenCharged} or (${generations.status} = 'processing' and ${generations.submittedAt} is not null)`;
  const rows = await db
    .select({
      user: users,
      count: sql<number>`count(${generations.id})::int`,
      spent: sql<number>`coalesce(sum(${generations.estimatedCostUsd}) filter (where ${charged}), 0)::float8`,
    })
    .from(users)
    .leftJoin(generations, eq(generations.userId, users.id))
    .groupBy(users.id)
    .orderBy(desc(users.createdAt))
    .limit(500);
  return rows.map(({ user, count, spent }) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    disabled: user.disabledAt !== null,
    generations: Number(count),
    spentUsd: Math.round(Number(spent) * 10_000) / 10_000,
  }));
}

/**
 * Disabling also ends the account's sessions (its version moves on) and, through the token check, its
 * access tokens; its jobs already queued still finish. An admin cannot disable themselves.
 */
export async function setUserDisabled(adminId: string, userId: string, disabled: boolean): Promise<boolean> {
  if (!isUuid(userId) || userId === adminId) return false;
  const db = await getDb();
  const rows = await db
    .update(users)
    .set(disabled ? { disabledAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` } : { disabledAt: null })
    .where(and(eq(users.id, userId), ne(users.id, adminId)))
    .returning({ id: users.id });
  return rows.length > 0;
}
