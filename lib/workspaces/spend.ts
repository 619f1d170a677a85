import "server-only";
/**
 * Where a workspace's money went this calendar month (UTC), for its owners: by day, by member, by model and
 * resolution, and what is reserved by runs not yet sent — from the same rule as the budget (./budget.ts),
 * so the page and the cap never disagree. Also as CSV, one row per spending generation.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "../db";
import { boards, generations, users } from "../db/schema";
import { toCsv } from "../csv";
import { MODELS, isModelId } from "../segmind/catalog";
import { refusal } from "./roles";
import type { Actor } from "./actor";
import { budgetOf, isSpent, thisMonth, type Budget } from "./budget";

export interface SpendLine {
  label: string;
  usd: number;
  images: number;
}

export interface Spend {
  month: string;
  budget: Budget;
  /** Every day of the month so far, zeros included (a chart with gaps would mislead). */
  byDay: (SpendLine & { day: string })[];
  byMember: SpendLine[];
  byModel: SpendLine[];
  /** Runs made for a board (campaign); runs for none are "No board". */
  byBoard: SpendLine[];
}

const round = (n: unknown) => Math.round(Number(n ?? 0) * 10_000) / 10_000;

export async function spendOf(actor: Actor): Promise<{ ok: true; spend: Spend } | { ok: false; error: string }> {
  const denied = refusal(actor, "manage");
  if (denied) return { ok: false, error: denied };
  const db = await getDb();
  const where = and(eq(generations.workspaceId, actor.workspaceId), thisMonth, isSpent);
  const usd = sql<number>`coalesce(sum(${generations.estimatedCostUsd}), 0)::float8`;
  const images = sql<number>`count(*)::int`;
  const day = sql<string>`to_char(${generations.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const resolution = sql<string>`${generations.params}->>'output_resolution'`;
  const [days, members, models, budget, boardLines] = await Promise.all([
    db.select({ day, usd, images }).from(generations).where(where).groupBy(day),
    db
      .select({ name: users.name, email: users.email, usd, images })
      .from(generations)
      .leftJoin(users, eq(users.id, generations.userId))
      .where(where)
      .groupBy(users.name, users.email)
      .orderBy(sql`2 desc`),
    db
      .select({ model: generations.model, resolution, usd, images })
      .from(generations)
      .where(where)
      .groupBy(generations.model, resolution)
      .orderBy(asc(generations.model)),
    budgetOf(actor.workspaceId),
    db.select({ name: boards.name, usd, images }).from(generations).leftJoin(boards, eq(boards.id, generations.boardId)).where(where).groupBy(boards.name),
  ]);
  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const byDay = Array.from({ length: now.getUTCDate() }, (_, i) => {
    const date = `${month}-${String(i + 1).padStart(2, "0")}`;
    const found = days.find((d) => d.day === date);
    return { day: date, label: date, usd: round(found?.usd), images: Number(found?.images ?? 0) };
  });
  return {
    ok: true,
    spend: {
      month,
      budget,
      byDay,
      byMember: members
        .map((m) => ({ label: m.name || m.email || "a former member", usd: round(m.usd), images: Number(m.images) }))
        .sort((a, b) => b.usd - a.usd),
      byBoard: boardLines.map((b) => ({ label: b.name ?? "No board", usd: round(b.usd), images: Number(b.images) })).sort((a, b) => b.usd - a.usd),
      byModel: models.map((m) => ({
        label: `${isModelId(m.model) ? MODELS[m.model].name : m.model} · ${m.resolution ?? "?"}`,
        usd: round(m.usd),
        images: Number(m.images),
      })),
    },
  };
}

/** One row per generation that spent money this month: when, who, model, resolution, cost, state. */
export async function spendCsv(actor: Actor): Promise<{ ok: true; csv: string } | { ok: false; error: string }> {
  const denied = refusal(actor, "manage");
  if (denied) return { ok: false, error: denied };
  const db = await getDb();
  const rows = await db
    .select({ g: generations, email: users.email })
    .from(generations)
    .leftJoin(users, eq(users.id, generations.userId))
    .where(and(eq(generations.workspaceId, actor.workspaceId), thisMonth, isSpent))
    .orderBy(asc(generations.createdAt));
  // What Segmind's balance did around each job, for reconciliation: the change from the reading before it (the
  // account is shared, so it runs over every workspace's jobs in the order they finished). Concurrent jobs
  // blur it; it is a check on the catalog price, not a bill.
  const readings = (await db.execute(
    sql`select id, (lag(remaining_credits) over (order by completed_at, id) - remaining_credits)::float8 as change from generations where remaining_credits is not null and completed_at is not null and ${thisMonth}`,
  )) as unknown as { rows: { id: string; change: number | null }[] };
  const observed = new Map(readings.rows.map((r) => [r.id, r.change === null ? null : Math.round(Number(r.change) * 10_000) / 10_000]));
  const lines = rows.map(({ g, email }) => ({
    time: g.createdAt.toISOString(),
    member: email ?? "",
    generation: g.id,
    model: g.model,
    resolution: g.params.output_resolution,
    cost_usd: g.estimatedCostUsd,
    status: g.status,
    segmind_remaining_credits: g.remainingCredits ?? "",
    segmind_observed_change_usd: observed.get(g.id) ?? "",
  }));
  return {
    ok: true,
    csv: lines.length ? toCsv(lines) : "time,member,generation,model,resolution,cost_usd,status,segmind_remaining_credits,segmind_observed_change_usd\r\n",
  };
}
