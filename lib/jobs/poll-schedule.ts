/**
 * When to ask Segmind about a job next. The official SDK asks every second, so on average it learns of a
 * result half a second late. We learn each model's latency from our own history (per model and resolution)
 * and plan the status calls where results are likely to land: none early, dense around the expected finish,
 * sparse in the tail — chosen so the expected number of calls is no more than the 1 s loop's for the same
 * latencies. Pure: the history comes in as numbers.
 */

/** Below this many finished jobs, the history is too thin to plan from: ask every second, as the SDK does. */
export const MIN_HISTORY = 20;
/** Planning granularity. */
const STEP_MS = 25;
/** Never closer than this: a call takes time, and two calls in flight for one job say nothing new. */
export const MIN_GAP_MS = 100;
/** A job past everything the history has seen: back off from this gap, growing by half each call. */
const TAIL_GAP_MS = 250;
/** Hard cap: never more calls by time t than the 1 s loop would have made, plus this. */
export const HARD_SLACK_CALLS = 3;

export interface PollPlan {
  /** Planned call times, in ms after submit, ascending. */
  times: number[];
  /** Expected status calls per job, under the history. */
  expectedCalls: number;
  /** What the 1 s loop (ask, then wait a second, until done) makes on average for the same latencies. */
  loopCalls: number;
  /** Expected delay between a result landing and our call seeing it. */
  expectedLagMs: number;
}

/**
 * Calls the SDK's loop (wait a second, ask, until done: at 1 s, 2 s, …) makes for a job of latency `ms`. Of
 * the two ways to write that loop this one makes fewer calls, so it is the stricter budget to stay within.
 */
export function loopCallsFor(ms: number, intervalMs = 1000): number {
  return Math.max(1, Math.ceil(ms / intervalMs));
}

/** Points the fitted distribution is planned on. */
const QUANTILES = 200;
/** Plan for a little under the loop's calls: the fit is an estimate, and the promise is "no more than". */
const BUDGET_SHARE = 0.9;
/** A history of near-identical latencies still gets some spread, so a slightly slower job is not a surprise. */
const MIN_SIGMA = 0.05;

/**
 * A log-normal fitted to the history (service latencies are skewed right, and a fit does not chase the gaps
 * between a few samples as planning on the raw samples would), as evenly spaced quantiles.
 */
export function fittedLatencies(latencies: number[]): number[] {
  const logs = latencies.filter((ms) => ms > 0).map(Math.log);
  const mu = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sampleSigma = Math.sqrt(logs.reduce((a, b) => a + (b - mu) ** 2, 0) / Math.max(1, logs.length - 1));
  // Widened toward the upper end of its confidence interval: an underestimated spread spends calls the budget
  // does not have on jobs slower than the plan expects.
  const sigma = Math.max(MIN_SIGMA, sampleSigma * (1 + 1.5 / Math.sqrt(2 * Math.max(1, logs.length - 1))));
  return Array.from({ length: QUANTILES }, (_, i) => Math.exp(mu + sigma * inverseNormal((i + 0.5) / QUANTILES)));
}

/** Φ⁻¹, Acklam's rational approximation (relative error under 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * The plan minimising expected lag subject to expected calls ≤ the 1 s loop's, by dynamic programming over a
 * grid (25 ms, coarser for slow models): cost of a schedule = E[lag] + λ·E[calls], λ found by bisection.
 */
export function planPolls(latencies: number[], intervalMs = 1000): PollPlan | null {
  if (latencies.length < MIN_HISTORY) return null;
  const sorted = fittedLatencies(latencies);
  const n = sorted.length;
  const budget = latencies.reduce((sum, ms) => sum + loopCallsFor(ms, intervalMs), 0) / latencies.length;
  // About 300 grid points at most: the planning stays in milliseconds for a minute-long model.
  const step = Math.max(STEP_MS, Math.ceil(sorted[n - 1]! / 300 / STEP_MS) * STEP_MS);
  const last = Math.ceil(sorted[n - 1]! / step) * step;
  const grid: number[] = [];
  for (let t = 0; t <= last; t += step) grid.push(t);

  // Prefix counts and sums of the samples ≤ each grid time, for O(1) range sums.
  const below = new Array<number>(grid.length);
  const sumBelow = new Array<number>(grid.length);
  let i = 0;
  let running = 0;
  grid.forEach((t, g) => {
    while (i < n && sorted[i]! <= t) running += sorted[i++]!;
    below[g] = i;
    sumBelow[g] = running;
  });
  // Jobs finishing in (grid[a], grid[b]] are seen at grid[b]: their summed lag is count·t_b − sum.
  const lag = (a: number, b: number) => ((below[b]! - below[a]!) * grid[b]! - (sumBelow[b]! - sumBelow[a]!)) / n;
  const survival = (a: number) => (n - below[a]!) / n;
  const minGapSteps = Math.ceil(MIN_GAP_MS / step);

  const solve = (lambda: number) => {
    // best[a]: least cost of the calls after one at grid[a]; the last grid point sees every job.
    const best = new Array<number>(grid.length).fill(0);
    const next = new Array<number>(grid.length).fill(-1);
    for (let a = grid.length - 2; a >= 0; a--) {
      if (survival(a) === 0) continue; // nothing left to wait for
      let cost = Infinity;
      for (let b = Math.min(a + minGapSteps, grid.length - 1); b < grid.length; b++) {
        const c = lambda * survival(a) + lag(a, b) + best[b]!;
        if (c < cost) {
          cost = c;
          next[a] = b;
        }
      }
      best[a] = cost;
    }
    // The first call: any grid point, paid for by every job.
    let first = 0;
    let firstCost = Infinity;
    for (let b = 0; b < grid.length; b++) {
      const c = lambda + lag(0, b) + best[b]!;
      if (c < firstCost) {
        firstCost = c;
        first = b;
      }
    }
    const times: number[] = [];
    for (let g = first; g >= 0; g = next[g]!) {
      times.push(grid[g]!);
      if (survival(g) === 0) break;
    }
    return { times, ...evaluatePlan(sorted, times) };
  };

  // Bisection on λ (ms of lag one call is worth): larger λ, fewer calls.
  let low = 0;
  let high = 20_000;
  let chosen = solve(high);
  for (let round = 0; round < 30; round++) {
    const mid = (low + high) / 2;
    const plan = solve(mid);
    if (plan.expectedCalls <= budget * BUDGET_SHARE) {
      chosen = plan;
      high = mid;
    } else low = mid;
  }
  return { times: chosen.times, expectedCalls: chosen.expectedCalls, expectedLagMs: chosen.expectedLagMs, loopCalls: budget };
}

/** Expected calls and lag of `times` over the sorted latencies (jobs past the last time count its tail back-off). */
export function evaluatePlan(sorted: number[], times: number[]): { expectedCalls: number; expectedLagMs: number } {
  let calls = 0;
  let lagSum = 0;
  for (const ms of sorted) {
    const seenAt = times.findIndex((t) => t >= ms);
    if (seenAt >= 0) {
      calls += seenAt + 1;
      lagSum += times[seenAt]! - ms;
    } else {
      // Beyond the plan: the tail back-off.
      let t = times.at(-1) ?? 0;
      let k = times.length;
      let gap = TAIL_GAP_MS;
      while (t < ms) {
        t += gap;
        gap *= 1.5;
        k++;
      }
      calls += k;
      lagSum += t - ms;
    }
  }
  return { expectedCalls: calls / sorted.length, expectedLagMs: lagSum / sorted.length };
}

/**
 * Milliseconds from now to the next status call of a job submitted `elapsedMs` ago that has had `callsMade`
 * status calls. Without a plan: the 1 s loop.
 */
export function nextPollDelay(plan: PollPlan | null, elapsedMs: number, callsMade: number, intervalMs = 1000): number {
  let at: number;
  // The loop: a second after submit, then a second after each answer.
  if (!plan) at = elapsedMs + intervalMs;
  else {
    const planned = plan.times.find((t) => t > elapsedMs);
    if (planned !== undefined) at = planned;
    else {
      // Past the plan: back off by half again each call, from the tail gap.
      const beyond = Math.max(0, callsMade - plan.times.length);
      at = elapsedMs + Math.min(intervalMs * 5, TAIL_GAP_MS * 1.5 ** beyond);
    }
  }
  // The hard cap: by time t, at most the loop's calls plus a little slack.
  const allowedFrom = (callsMade + 1 - HARD_SLACK_CALLS) * intervalMs;
  at = Math.max(at, allowedFrom);
  return Math.max(at - elapsedMs, MIN_GAP_MS);
}
