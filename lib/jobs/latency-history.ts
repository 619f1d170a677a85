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

const plans = new Map<string, { plan: PollPlan | null; at: number }>();
const planning = new Map<string, Promise<PollPlan | null>>();

/** The plan for the job's model and resolution; null (the 1 s loop) while there is none or the history cannot be read. */
export async function pollPlanFor(job: Pick<Generation, "model" | "params">): Promise<PollPlan | null> {
  const resolution = String(job.params.output_resolution ?? "");
  const key = `${job.model}:${resolution}`;
  const known = plans.get(key);
  if (known && Date.now() - known.at < (known.plan ? REPLAN_MS : RETRY_WITHOUT_PLAN_MS)) return known.plan;
  // One planning at a time per key; meanwhile a job keeps the plan it would have had.
  if (!planning.has(key)) {
    const next = planFromHistory(job.model, resolution)
      .then((plan) => {
        plans.set(key, { plan, at: Date.now() });
        return plan;
      })
      .catch(() => known?.plan ?? null)
      .finally(() => planning.delete(key));
    planning.set(key, next);
  }
  return known ? known.plan : planning.get(key)!;
}

async function planFromHistory(model: Generation["model"], resolution: string): Promise<PollPlan | null> {
  const db = await getDb();
  const rows = await db
    .select({ ms: generations.upstreamMs })
    .from(generations)
    .where(and(eq(generations.model, model), isNotNull(generations.upstreamMs), sql`${generations.params}->>'output_resolution' = ${resolution}`))
    .orderBy(desc(generations.completedAt))
    .limit(HISTORY);
  return planPolls(
    rows.map((r) => r.ms!),
    config().pollIntervalMs,
  );
}

/** For tests: forget the plans, so a new history is planned from at once. */
export function forgetPollPlans(): void {
  plans.clear();
}
