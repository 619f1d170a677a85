import "server-only";
/**
 * The poll plan for a model and resolution, from the latencies the studio itself measured for it (the last
 * 100 finished v2 jobs). Planned once a minute per process: the history moves slowly, and planning costs
 * tens of milliseconds.
 */
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { config } from "../config";
import { getDb } from "../db";
import { generations, type Generation } from "../db/schema";
import { planPolls, type PollPlan } from "./poll-schedule";

const HISTORY = 100;
const REPLAN_MS = 60_000;
// Without a plan yet the history is still short: look again soon, so a model being learned gets its plan early.
const RETRY_WITHOUT_PLAN_MS = 5_000;

const cache = new Map<string, { plan: PollPlan | null; at: number; planning?: Promise<PollPlan | null> }>();

export async function pollPlanFor(job: Pick<Generation, "model" | "params">): Promise<PollPlan | null> {
  const resolution = String(job.params.output_resolution ?? "");
  const key = `${job.model}:${resolution}`;
  const entry = cache.get(key);
  if (entry && Date.now() - entry.at < (entry.plan ? REPLAN_MS : RETRY_WITHOUT_PLAN_MS)) return entry.plan;
  if (entry?.planning) return entry.plan;
  const planning = (async () => {
    const db = await getDb();
    const rows = await db
      .select({ ms: generations.upstreamMs })
      .from(generations)
      .where(and(eq(generations.model, job.model), isNotNull(generations.upstreamMs), sql`${generations.params}->>'output_resolution' = ${resolution}`))
      .orderBy(desc(generations.completedAt))
      .limit(HISTORY);
    return planPolls(
      rows.map((r) => r.ms!),
      config().pollIntervalMs,
    );
  })();
  cache.set(key, { plan: entry?.plan ?? null, at: entry?.at ?? 0, planning });
  try {
    const plan = await planning;
    cache.set(key, { plan, at: Date.now() });
    return plan;
  } catch (error) {
    cache.set(key, { plan: entry?.plan ?? null, at: entry?.at ?? 0 });
    throw error;
  }
}

/** For tests: forget the plans, so a new history is planned from at once. */
export function forgetPollPlans(): void {
  cache.clear();
}
