/**
 * The upstream caps hold for the whole deployment: in-flight calls and POSTs a minute are counted in the
 * database, so calls claimed by another instance (rows it wrote) count as much as this one's.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import { startStack } from "./setup";

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startStack();
  process.env.MAX_UPSTREAM_CONCURRENCY = "2";
  process.env.SEGMIND_REQUESTS_PER_MINUTE = "5";
});
afterAll(async () => {
  delete process.env.MAX_UPSTREAM_CONCURRENCY;
  delete process.env.SEGMIND_REQUESTS_PER_MINUTE;
  await simulator.close();
});

const db = async () => (await import("@/lib/db")).getDb();
beforeEach(async () => {
  await (await db()).execute(sql`delete from upstream_calls`);
});

/** A row as another instance's claim would write it. */
async function otherInstanceCall(options: { rateLimited: boolean; startedSecondsAgo: number; leaseSeconds: number; ended?: boolean }) {
  await (
    await db()
  ).execute(sql`insert into upstream_calls (holder, rate_limited, started_at, lease_until, ended_at)
    values ('other-host', ${options.rateLimited}, now() - (${options.startedSecondsAgo} * interval '1 second'),
            now() + (${options.leaseSeconds} * interval '1 second'), ${options.ended ? sql`now()` : sql`null`})`);
}

describe("upstream limits across instances", () => {
  it("keeps calls in flight at the deployment's cap, counting another instance's", async () => {
    const { withUpstreamSlot } = await import("@/lib/jobs/limits");
    await otherInstanceCall({ rateLimited: false, startedSecondsAgo: 0, leaseSeconds: 30 });
    let inFlight = 0;
    let peak = 0;
    const call = () =>
      withUpstreamSlot("get", async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 60));
        inFlight--;
      });
    await Promise.all(Array.from({ length: 6 }, call));
    // The other host holds one of the two slots throughout: this instance may only ever have one call out.
    expect(peak).toBe(1);
  });

  it("does not count a call whose instance died (its lease ran out)", async () => {
    const { withUpstreamSlot } = await import("@/lib/jobs/limits");
    await otherInstanceCall({ rateLimited: false, startedSecondsAgo: 40, leaseSeconds: -10 });
    await otherInstanceCall({ rateLimited: false, startedSecondsAgo: 40, leaseSeconds: -10 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 4 }, () =>
        withUpstreamSlot("get", async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 60));
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it("holds POSTs to the key's requests a minute with another instance's, and sends the next one back to the queue", async () => {
    const { withUpstreamSlot } = await import("@/lib/jobs/limits");
    for (let i = 0; i < 3; i++) await otherInstanceCall({ rateLimited: true, startedSecondsAgo: 10, leaseSeconds: 30, ended: true });
    // Status GETs do not count toward the minute.
    await otherInstanceCall({ rateLimited: false, startedSecondsAgo: 5, leaseSeconds: 30, ended: true });
    const sent: number[] = [];
    await withUpstreamSlot("post", async () => sent.push(1));
    await withUpstreamSlot("post", async () => sent.push(2));
    expect(sent).toEqual([1, 2]);
    const refused = await withUpstreamSlot("post", async () => sent.push(3)).catch((e: unknown) => e);
    expect(sent).toEqual([1, 2]);
    expect(refused).toMatchObject({ code: "rate_limited", retryable: true, mayHaveBeenCharged: false });
    // Free again when the other host's first call leaves the minute: about 51 s from now (61 s window).
    const wait = (refused as { resetAt: Date }).resetAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(45_000);
    expect(wait).toBeLessThan(55_000);
    // A GET still goes through while POSTs wait.
    await expect(withUpstreamSlot("get", async () => "status")).resolves.toBe("status");
  });
});
