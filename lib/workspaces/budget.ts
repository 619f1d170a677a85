import "server-only";
/**
 * A workspace's monthly budget. What a run costs is its catalog price at its resolution. Nothing is booked by
 * hand: a job's money follows its state, read in one query —
 *   reserved: queued and not yet sent (released when cancelled or failed before sending);
 *   spent:    sent to Segmind this calendar month (UTC) — finished, running, or failed after it may have been charged.
 * A new run is checked, and its rows written, under one lock per workspace, so simultaneous runs cannot
 * together pass a cap that each alone would fit under.
 */
import { recordAudit } from "../audit";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../db";
import { boards, generations, workspaces } from "../db/schema";
import { formatUsd } from "../format";
import { may, roleIn, type WorkspaceChange } from ".";
import { isUuid } from "../ids";
import type { Actor } from "./actor";

export interface Budget {
  monthlyUsd: number | null;
  spentUsd: number;
  reservedUsd: number;
}

type Reader = Pick<Db, "select" | "execute">;

/** Takes the workspace's budget lock for the rest of the transaction. */
export async function lockBudget(tx: Pick<Db, "execute">, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(72061004, hashtext(${workspaceId}))`);
}

/** Sent to Segmind and charged (or possibly charged): what counts as spent, here and on the spend page. */
export const isSpent = sql`(${generations.submittedAt} is not null and (${generations.status} <> 'failed' or ${generations.mayHaveBeenCharged}))`;
/** Made this calendar month, UTC. */
export const thisMonth = sql`${generations.createdAt} >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'`;

export async function budgetOf(workspaceId: string, db?: Reader): Promise<Budget> {
  const reader = db ?? (await getDb());
  const [workspace] = await reader.select({ monthlyUsd: workspaces.monthlyBudgetUsd }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return { monthlyUsd: workspace?.monthlyUsd ?? null, ...(await sums(reader, eq(generations.workspaceId, workspaceId))) };
}

/** A board's (campaign's) own budget: its cap, and the runs made for it this month. */
export async function boardBudgetOf(boardId: string, db?: Reader): Promise<Budget & { name: string }> {
  const reader = db ?? (await getDb());
  const [board] = await reader.select({ monthlyUsd: boards.monthlyBudgetUsd, name: boards.name }).from(boards).where(eq(boards.id, boardId));
  return { name: board?.name ?? "", monthlyUsd: board?.monthlyUsd ?? null, ...(await sums(reader, eq(generations.boardId, boardId))) };
}

async function sums(reader: Reader, scope: SQL): Promise<Pick<Budget, "spentUsd" | "reservedUsd">> {
  const [row] = await reader
    .select({
      reserved: sql<number>`coalesce(sum(${generations.estimatedCostUsd}) filter (where ${generations.status} = 'queued' and ${generations.submittedAt} is null), 0)::float8`,
      spent: sql<number>`coalesce(sum(${generations.estimatedCostUsd}) filter (where ${isSpent}), 0)::float8`,
    })
    .from(generations)
    .where(and(scope, thisMonth));
  // At Segmind's own precision (hundredths of a cent), so sums of prices do not print as $0.0999….
  const round = (n: unknown) => Math.round(Number(n ?? 0) * 10_000) / 10_000;
  return { spentUsd: round(row?.spent), reservedUsd: round(row?.reserved) };
}

/** Why a run of this cost does not fit the budget (a sentence naming the cap and the amounts), or null. */
export function budgetRefusal(budget: Budget, requestedUsd: number, whose = "the workspace's"): string | null {
  if (budget.monthlyUsd === null) return null;
  const left = Math.max(0, budget.monthlyUsd - budget.spentUsd - budget.reservedUsd);
  if (requestedUsd <= left + 1e-9) return null;
  return `This run costs about ${formatUsd(requestedUsd)} and ${whose} monthly budget of ${formatUsd(budget.monthlyUsd)} has ${formatUsd(left)} left (${formatUsd(budget.spentUsd)} spent, ${formatUsd(budget.reservedUsd)} waiting to be sent). Ask an owner to raise it, or make fewer or cheaper images.`;
}

/** The workspace's boards a run can be made for, with what each one's own cap leaves this month (null: no cap). */
export async function campaignsOf(workspaceId: string): Promise<{ id: string; name: string; leftUsd: number | null }[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: boards.id, name: boards.name, monthlyUsd: boards.monthlyBudgetUsd })
    .from(boards)
    .where(eq(boards.workspaceId, workspaceId))
    .orderBy(sql`lower(${boards.name})`);
  return Promise.all(
    rows.map(async (b) => {
      if (b.monthlyUsd === null) return { id: b.id, name: b.name, leftUsd: null };
      const budget = await boardBudgetOf(b.id, db);
      return { id: b.id, name: b.name, leftUsd: Math.max(0, b.monthlyUsd - budget.spentUsd - budget.reservedUsd) };
    }),
  );
}

/** Sets (or with null removes) a board's own monthly cap; owners only. */
export async function setBoardBudget(actor: Actor, boardId: string, monthlyUsd: unknown): Promise<WorkspaceChange<{ budget: Budget }>> {
  if (!may(actor.role, "manage")) return { ok: false, error: "Only the workspace's owners can set a board's budget." };
  if (!isValidCap(monthlyUsd)) return { ok: false, error: CAP_RULE };
  if (!isUuid(boardId)) return { ok: false, error: "This board does not exist." };
  const db = await getDb();
  const before = await boardBudgetOf(boardId);
  const after = monthlyUsd === null ? null : Math.round(monthlyUsd * 100) / 100;
  const done = await db.transaction(async (tx) => {
    const [board] = await tx
      .update(boards)
      .set({ monthlyBudgetUsd: after })
      .where(and(eq(boards.id, boardId), eq(boards.workspaceId, actor.workspaceId)))
      .returning({ name: boards.name });
    if (!board) return false;
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: "budget_changed",
      subject: `board ${board.name}`,
      detail: { fromUsd: before.monthlyUsd, toUsd: after },
    });
    return true;
  });
  return done ? { ok: true, budget: await boardBudgetOf(boardId) } : { ok: false, error: "This board does not exist." };
}

const CAP_RULE = "Set the monthly budget in dollars, from 0 to 1,000,000 (or remove it for no cap).";
const isValidCap = (value: unknown): value is number | null =>
  value === null || (typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1_000_000);

/** Sets (or with null removes) the monthly budget; owners only. */
export async function setMonthlyBudget(actorId: string, workspaceId: string, monthlyUsd: unknown): Promise<WorkspaceChange<{ budget: Budget }>> {
  if (!may(await roleIn(actorId, workspaceId), "manage")) return { ok: false, error: "Only the workspace's owners can set its budget." };
  if (!isValidCap(monthlyUsd)) return { ok: false, error: CAP_RULE };
  const db = await getDb();
  const before = await budgetOf(workspaceId);
  const after = monthlyUsd === null ? null : Math.round(monthlyUsd * 100) / 100;
  await db.transaction(async (tx) => {
    await tx.update(workspaces).set({ monthlyBudgetUsd: after }).where(eq(workspaces.id, workspaceId));
    await recordAudit(tx, { workspaceId, actorId, action: "budget_changed", subject: "monthly budget", detail: { fromUsd: before.monthlyUsd, toUsd: after } });
  });
  return { ok: true, budget: await budgetOf(workspaceId) };
}
