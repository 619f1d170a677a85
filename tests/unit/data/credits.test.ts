/**
 * Money checked before it is spent: with $0.10 left on the Segmind account, a batch costing more is refused
 * before anything is stored or sent, on every path. Its own file: the balance is a process-wide figure.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Simulator } from "@/lib/segmind/simulator/server";
import { newUser, session, startStack } from "./setup";

vi.mock("@/lib/auth", async () => (await import("./setup")).authMock());

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startStack();
  session.userId = (await newUser("Spender")).id;
  // Without a key the studio uses the simulator's stand-in key; that account has ten cents beyond whatever
  // is already queued (on a shared PostgreSQL, other test files leave unsent jobs, which count too).
  const { getDb } = await import("@/lib/db");
  const { generations } = await import("@/lib/db/schema");
  const { and, eq, isNull, sql } = await import("drizzle-orm");
  const [queued] = await (await getDb())
    .select({ usd: sql<number>`coalesce(sum(${generations.estimatedCostUsd}), 0)::float8` })
    .from(generations)
    .where(and(eq(generations.status, "queued"), isNull(generations.submittedAt)));
  simulator.setCredits("simulator-key", 0.1 + Number(queued?.usd ?? 0));
  // No worker: what is accepted stays queued, so "already queued" money can be seen to count.
});
afterAll(async () => {
  // What this file queued must not be sent by another file's worker on a shared PostgreSQL.
  const { getDb, database } = await import("@/lib/db");
  const { generations } = await import("@/lib/db/schema");
  const { eq } = await import("drizzle-orm");
  await (await getDb()).delete(generations).where(eq(generations.userId, session.userId!));
  await (await database()).close();
  await simulator.close();
});

const json = (path: string, body: unknown, key?: string) =>
  new Request(`http://studio.test${path}`, {
    method: "POST",
    headers: { host: "studio.test", origin: "http://studio.test", "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  });
const lite = { model: "nano-banana-2-lite", prompt: "lemon soda can" };

it("a batch costing more than the balance is refused with the amounts, nothing stored, nothing sent; one that fits goes", async () => {
  const { generateAction } = await import("@/lib/actions/generate-action");
  const { getDb } = await import("@/lib/db");
  const { generations } = await import("@/lib/db/schema");
  const { eq } = await import("drizzle-orm");
  const db = await getDb();

  const refused = await generateAction(lite, undefined, 4);
  expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/costs about \$0\.16 and the Segmind account has \$0\.10 left/) });
  const { POST } = await import("@/app/api/v1/generations/route");
  const viaApi = await POST(json("/api/v1/generations", { ...lite, count: 4 }), {});
  expect(viaApi.status).toBe(402);
  expect((await viaApi.json()).error).toMatch(/Top up the account/);
  expect(await db.select().from(generations).where(eq(generations.userId, session.userId!))).toHaveLength(0);

  const fits = await POST(json("/api/v1/generations", { ...lite, count: 2 }, "fits-in-budget-1"), {});
  expect(fits.status).toBe(201);
  // The two queued runs hold $0.08 of the $0.10: one more at $0.04 is refused, and says why.
  const { POST: postOne } = await import("@/app/api/generations/route");
  const more = await postOne(json("/api/generations", lite), {});
  expect(more.status).toBe(402);
  expect((await more.json()).error).toMatch(/\$0\.020 left after the runs already queued/);
  // A retried request finds what it already made: no refusal, no second charge.
  const retried = await POST(json("/api/v1/generations", { ...lite, count: 2 }, "fits-in-budget-1"), {});
  expect(retried.status).toBe(200);
  expect(simulator.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v2/"))).toHaveLength(0);
});
