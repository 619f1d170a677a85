/**
 * Jobs survive what happens to servers: a SIGKILL mid-job, and two instances sharing one PostgreSQL.
 * These tests start their own studio processes (from the build the main web server made) and their own
 * simulator, so they can kill and restart them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { startSimulator, type Simulator } from "../../lib/segmind/simulator/server";
import { generate, signUp } from "./helpers";
import { kill, startStudio, type Studio } from "./studio-process";

test.describe.configure({ mode: "serial" });

async function jobStatus(page: Page, base: string, id: string) {
  const response = await page.request.get(`${base}/api/generations/${id}`);
  return (await response.json()) as { status: string; images: unknown[]; error: { message: string } | null };
}

let simulator: Simulator;
const studios: Studio[] = [];

test.beforeAll(async () => {
  simulator = await startSimulator({ latencyMs: 3000, rpm: 0 });
});
test.afterAll(async () => {
  for (const studio of studios) kill(studio);
  await simulator.close();
});

test("a job survives kill -9 of the server mid-job and finishes after restart, without a browser", async ({ page }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "nano-kill-"));
  const env = { DATA_DIR: dataDir, SIMULATOR_URL: simulator.url, INSTANCE_ID: "first-life" };
  const first = await startStudio(3301, env);
  studios.push(first);

  await signUp(page, "Kim", undefined, first.url);
  const prompt = `survives a crash ${Date.now()}`;
  const card = await generate(page, { prompt });
  const id = (await card.getAttribute("data-generation-id"))!;

  // Wait until the job is submitted and being polled upstream (its request id is stored), then kill.
  await expect.poll(() => simulator.requests.find((r) => r.method === "POST" && r.prompt === prompt)?.requestId).toBeTruthy();
  const requestId = simulator.requests.find((r) => r.method === "POST" && r.prompt === prompt)!.requestId!;
  await expect.poll(() => simulator.requests.some((r) => r.path === `/v2/requests/${requestId}/status`)).toBe(true);
  await page.close();
  kill(first);

  const second = await startStudio(3301, { ...env, INSTANCE_ID: "second-life" });
  studios.push(second);
  // Nobody polls our route: the restarted server's worker finishes the job on its own.
  await expect.poll(() => simulator.requests.some((r) => r.path === `/v2/requests/${requestId}` && r.status === 200), { timeout: 30_000 }).toBe(true);

  const viewer = await page.context().newPage();
  await expect.poll(async () => (await jobStatus(viewer, second.url, id)).status, { timeout: 30_000 }).toBe("completed");
  expect((await jobStatus(viewer, second.url, id)).images).toHaveLength(1);
  // One paid submit, never re-sent across the crash.
  expect(simulator.requests.filter((r) => r.method === "POST" && r.prompt === prompt)).toHaveLength(1);
  kill(second, "SIGTERM");
});

test("two instances on one PostgreSQL share the work and store each job exactly once", async ({ page }) => {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  test.skip(!databaseUrl, "needs PostgreSQL: .ci/run provides E2E_DATABASE_URL");
  const dataDir = mkdtempSync(path.join(tmpdir(), "nano-pair-"));
  // Two job slots an instance: the v1 jobs below hold a slot for their whole 3 s run, so neither instance can
  // take everything and the work has to be shared.
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl!, SIMULATOR_URL: simulator.url, USER_MAX_CONCURRENT_JOBS: "50", WORKER_CONCURRENCY: "2" };
  const [a, b] = await Promise.all([startStudio(3302, { ...env, INSTANCE_ID: "instance-a" }), startStudio(3303, { ...env, INSTANCE_ID: "instance-b" })]);
  studios.push(a, b);

  await signUp(page, "Pat", undefined, a.url);
  const tag = Date.now();
  // All twelve at once, through the studio's own JSON route from its page: created one by one through the
  // form, a slow enough browser lets instance A finish each v1 job before the next arrives, and B gets none.
  const ids = await page.evaluate(async (tag) => {
    const made = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        fetch("/api/generations", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: "nano-banana-2", prompt: `shared work ${tag} #${i}`, transport: i < 6 ? "v1" : "v2" }),
        }).then((r) => r.json() as Promise<{ id: string }>),
      ),
    );
    return made.map((g) => g.id);
  }, tag);
  expect(ids.filter(Boolean)).toHaveLength(12);
  await page.goto("about:blank");

  // Read through the other instance: one database, one session secret.
  for (const id of ids) {
    await expect.poll(async () => (await jobStatus(page, b.url, id)).status, { timeout: 60_000 }).toBe("completed");
  }

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rows = await client.query<{ id: string; last_worker: string; images: string }>(
    "select g.id, g.last_worker, (select count(*) from images i where i.generation_id = g.id) as images from generations g where g.id = any($1)",
    [ids],
  );
  await client.end();
  expect(rows.rows.map((r) => Number(r.images))).toEqual(ids.map(() => 1));
  expect(new Set(rows.rows.map((r) => r.last_worker))).toEqual(new Set(["instance-a", "instance-b"]));
  for (let i = 0; i < 12; i++) {
    const posts = simulator.requests.filter((r) => r.method === "POST" && r.prompt === `shared work ${tag} #${i}`);
    expect(posts).toHaveLength(1);
    if (i < 6) continue; // v1: no status calls
    const statusCalls = simulator.requests.filter((r) => r.path === `/v2/requests/${posts[0]!.requestId}/status`).length;
    // 3 s latency at a 500 ms interval: ceil(3000 / 500) + 1 = 7, plus one for scheduling slack.
    expect(statusCalls).toBeLessThanOrEqual(8);
  }
});
