/**
 * The poll plan beats the official SDK's 1 s loop on both axes for the same latencies: less lag between a
 * result landing and the studio seeing it, and no more status calls — judged on latencies the plan did not
 * learn from.
 */
import { describe, expect, it } from "vitest";
import { evaluatePlan, inverseNormal, loopCallsFor, nextPollDelay, planPolls, HARD_SLACK_CALLS, MIN_HISTORY } from "@/lib/jobs/poll-schedule";
import { drawLatency } from "@/lib/segmind/simulator/server";

/** A seeded generator, so a failure can be reproduced. */
function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return (seed + 0.5) / 4294967296;
  };
}

describe("poll plan", () => {
  it.each([
    [4000, 0.25],
    [4000, 0.1],
    [12000, 0.3],
    [25000, 0.2],
  ])("for latencies around %i ms (σ %s): less lag than the 1 s loop and no more calls, on fresh latencies", (median, sigma) => {
    const random = seeded(median + sigma * 1000);
    const history = Array.from({ length: 60 }, () => drawLatency(median, sigma, random));
    const plan = planPolls(history)!;
    const fresh = Array.from({ length: 3000 }, () => drawLatency(median, sigma, random)).sort((a, b) => a - b);
    const ours = evaluatePlan(fresh, plan.times);
    const loopCalls = fresh.reduce((sum, ms) => sum + loopCallsFor(ms), 0) / fresh.length;
    const loopLag = fresh.reduce((sum, ms) => sum + (Math.ceil(ms / 1000) * 1000 - ms), 0) / fresh.length;
    expect(ours.expectedCalls).toBeLessThanOrEqual(loopCalls);
    expect(ours.expectedLagMs).toBeLessThan(loopLag * 0.7);
  });

  it("asks every second, as the SDK does, until the history is long enough to plan from", () => {
    expect(planPolls(Array.from({ length: MIN_HISTORY - 1 }, () => 4000))).toBeNull();
    expect([0, 1, 2, 3].map((calls) => nextPollDelay(null, calls * 1000, calls))).toEqual([1000, 1000, 1000, 1000]);
  });

  it("keeps a job past everything seen to the hard cap: never more calls by a time than the 1 s loop plus slack", () => {
    const plan = planPolls(Array.from({ length: 40 }, (_, i) => 3000 + i * 10))!;
    let t = 0;
    let calls = 0;
    while (t < 60_000) {
      t += nextPollDelay(plan, t, calls);
      calls++;
      expect(calls).toBeLessThanOrEqual(loopCallsFor(t) + HARD_SLACK_CALLS);
    }
    // And it keeps asking: a slow job is not abandoned (about one call every 5 s at worst).
    expect(calls).toBeGreaterThan(15);
  });

  it("inverts the normal distribution", () => {
    expect(inverseNormal(0.5)).toBeCloseTo(0, 8);
    expect(inverseNormal(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormal(0.01)).toBeCloseTo(-2.326348, 5);
  });
});
