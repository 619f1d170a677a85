/**
 * Two hosts, as a team deploys the studio: two instances with separate data folders sharing one PostgreSQL
 * and one S3 bucket (s3rver on loopback). What one makes, the other shows, downloads, exports and shares;
 * a job started on one is finished by the other when the first dies; the upstream limits hold for the pair.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { unzipSync } from "fflate";
import pg from "pg";
import { startSimulator, type Simulator } from "../../lib/segmind/simulator/server";
import { startS3Server, type S3Server } from "../s3-server";
import { generate, signUp } from "./helpers";
import { kill, startStudio, type Studio } from "./studio-process";

// Five POSTs a minute across both hosts: a test may wait a minute or two for the window, by design.
test.describe.configure({ mode: "serial", timeout: 240_000 });

const databaseUrl = process.env.E2E_DATABASE_URL;
const RPM = 5;
let simulator: Simulator;
let s3: S3Server;
const studios: Studio[] = [];
const dataDirs: string[] = [];

test.beforeAll(async () => {
  test.skip(!databaseUrl, "needs PostgreSQL: .ci/run provides E2E_DATABASE_URL");
  simulator = await startSimulator({ latencyMs: 1500, rpm: RPM });
  s3 = await startS3Server();
});
test.afterAll(async () => {
  for (const studio of studios) kill(studio);
  await simulator?.close();
  await s3?.close();
});

async function host(port: number, name: string): Promise<Studio> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `nano-host-${name}-`));
  dataDirs.push(dataDir);
  const studio = await startStudio(port, {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl!,
    SIMULATOR_URL: simulator.url,
    INSTANCE_ID: `host-${name}`,
    SEGMIND_REQUESTS_PER_MINUTE: String(RPM),
    MAX_UPSTREAM_CONCURRENCY: "2",
    USER_MAX_CONCURRENT_JOBS: "50",
    NEXT_MANUAL_SIG_HANDLE: "true",
    ...s3.env,
  });
  studios.push(studio);
  return studio;
}

async function view(page: Page, base: string, id: string) {
  return (await (await page.request.get(`${base}/api/generations/${id}`)).json()) as {
    status: string;
    images: { id: string }[];
    error: { message: string } | null;
  };
}

/** Every file under a folder, relative. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)));
}

test("what host A makes, host B shows, downloads, exports and shares; no image touches either disk", async ({ page, browser }) => {
  const [a, b] = [await host(3304, "a"), await host(3305, "b")];
  // One session for both: same secret, and cookies do not depend on the port.
  await signUp(page, "Hosts", undefined, a.url);
  await page.goto(a.url);
  await generate(page, { prompt: "Lemon soda can on a picnic table, two hosts" });
  const card = page.getByTestId("job-card").first();
  await expect(card.getByTestId("job-image")).toBeVisible({ timeout: 30_000 });
  const original = await page.request.get(`${a.url}${await card.getByTestId("job-image").getAttribute("src")}`);
  const generationId = await card.getAttribute("data-generation-id");
  expect(generationId).toBeTruthy();

  // Through B: the same bytes, the thumbnail, a download under its telling name.
  const seen = await view(page, b.url, generationId!);
  expect(seen.status).toBe("completed");
  const imageId = seen.images[0]!.id;
  const fromB = await page.request.get(`${b.url}/api/images/${imageId}`);
  expect(fromB.status()).toBe(200);
  expect(Buffer.compare(await fromB.body(), await original.body())).toBe(0);
  expect((await page.request.get(`${b.url}/api/images/${imageId}/thumb`)).headers()["content-type"]).toBe("image/webp");
  const download = await page.request.get(`${b.url}/api/images/${imageId}?download=1&recipe=1`);
  expect(download.headers()["content-disposition"]).toMatch(/attachment; filename="nano-studio-/);

  // Shared from B's gallery page, opened signed out.
  await page.goto(`${b.url}/gallery/${generationId}`);
  await page.getByTestId("share").getByRole("button", { name: "Create link" }).click();
  const shareUrl = await page.getByTestId("share-url").inputValue();
  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  await visitor.goto(shareUrl);
  await expect.poll(() => visitor.getByTestId("shared-image").evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1024);
  await stranger.close();

  // A placement pack made through A (its derived file written by whichever host's worker), exported through B.
  const made = await page.request.post(`${a.url}/api/v1/packs`, {
    headers: { origin: a.url },
    data: { model: "nano-banana-2-lite", prompt: "Lemon soda, pack across hosts", placements: ["iab-medium-rectangle"] },
  });
  expect(made.status()).toBe(201);
  const pack = (await made.json()) as { id: string };
  await expect
    .poll(
      async () => ((await (await page.request.get(`${b.url}/api/v1/packs/${pack.id}`)).json()) as { assets: { status: string }[] }).assets.map((x) => x.status),
      {
        timeout: 60_000,
      },
    )
    .toEqual(["ready"]);
  const zip = await page.request.get(`${b.url}/api/v1/packs/${pack.id}/export`);
  expect(zip.status()).toBe(200);
  const entries = unzipSync(new Uint8Array(await zip.body()));
  const image = Object.entries(entries).find(([name]) => name.endsWith(".jpg"));
  expect(image?.[1].length).toBeGreaterThan(1000);

  // Nothing image-like on either host's disk: only the database's own files, and the session secret.
  for (const dir of dataDirs) {
    const files = filesUnder(dir);
    expect(files.filter((f) => !f.startsWith("pglite/") && f !== "auth-secret")).toEqual([]);
  }
});

test("the upstream limits hold for both hosts together: at most 2 calls in flight, 5 POSTs a minute, no 429", async ({ page }) => {
  const [a, b] = studios;
  await signUp(page, "Limits", undefined, a!.url);
  const tag = Date.now();
  // Six jobs, half through each host, half of them v1 (a v1 call holds its slot for the whole generation).
  const ids = await Promise.all(
    Array.from({ length: 6 }, async (_, i) => {
      const base = i % 2 ? b!.url : a!.url;
      const response = await page.request.post(`${base}/api/generations`, {
        headers: { origin: base },
        data: { model: "nano-banana-2", prompt: `limits ${tag} #${i}`, transport: i < 3 ? "v1" : "v2" },
      });
      expect(response.status(), await response.text()).toBe(201);
      return ((await response.json()) as { id: string }).id;
    }),
  );
  for (const id of ids) await expect.poll(async () => (await view(page, a!.url, id)).status, { timeout: 150_000 }).toBe("completed");

  // Every API call of the run, the first test's included: the window is the deployment's, not a test's.
  // (File downloads from Segmind's image host and health pings are not API calls.)
  const calls = simulator.requests.filter((r) => /^\/(v1|v2)\/|^\/upload-asset/.test(r.path));
  expect(calls.filter((r) => r.status === 429)).toEqual([]);
  const posts = calls.filter((r) => r.method === "POST" && r.prompt?.startsWith(`limits ${tag} `));
  expect(posts).toHaveLength(6); // each sent once
  // No minute ever saw more than five POSTs.
  for (const post of posts) expect(posts.filter((p) => p.at >= post.at && p.at < post.at + 60_000).length).toBeLessThanOrEqual(RPM);
  // At no moment more than two requests in flight, from both hosts together.
  for (const call of calls) {
    const overlapping = calls.filter((o) => o.at <= call.at && (o.endedAt ?? Infinity) > call.at);
    expect(overlapping.length).toBeLessThanOrEqual(2);
  }
});

test("a job host A started is finished by host B when A is killed", async ({ page }) => {
  const [a, b] = studios;
  await signUp(page, "Survivor", undefined, a!.url);
  const prompt = `[sim:latency=6000] survives its host ${Date.now()}`;
  const response = await page.request.post(`${a!.url}/api/generations`, { headers: { origin: a!.url }, data: { model: "nano-banana-2", prompt } });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await expect.poll(() => simulator.requests.some((r) => r.method === "POST" && r.prompt === prompt), { timeout: 70_000 }).toBe(true);
  kill(a!, "SIGKILL");
  await expect.poll(async () => (await view(page, b!.url, id)).status, { timeout: 60_000 }).toBe("completed");
  const done = await view(page, b!.url, id);
  expect((await page.request.get(`${b!.url}/api/images/${done.images[0]!.id}`)).status()).toBe(200);
  expect(simulator.requests.filter((r) => r.method === "POST" && r.prompt === prompt)).toHaveLength(1);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const row = await client.query<{ last_worker: string }>("select last_worker from generations where id = $1", [id]);
  await client.end();
  expect(row.rows[0]!.last_worker).toBe("host-b");
});

test("SIGTERM drains host B: health answers 503, the generation it is making is finished and stored, then it exits", async ({ page }) => {
  const [, b] = studios;
  await signUp(page, "Drainer", undefined, b!.url);
  const prompt = `[sim:latency=4000] finished before exit ${Date.now()}`;
  const response = await page.request.post(`${b!.url}/api/generations`, {
    headers: { origin: b!.url },
    data: { model: "nano-banana-2", prompt, transport: "v1" },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await expect.poll(() => simulator.requests.some((r) => r.method === "POST" && r.prompt === prompt), { timeout: 70_000 }).toBe(true);
  const exited = new Promise<number | null>((resolve) => b!.process.once("exit", (code) => resolve(code)));
  kill(b!, "SIGTERM");
  // While the v1 call is still out, the host says it is stopping.
  await expect.poll(async () => (await page.request.get(`${b!.url}/api/health`)).status(), { timeout: 3000 }).toBe(503);
  expect(await exited).toBe(0);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const row = await client.query<{ status: string; images: string }>(
    "select status, (select count(*) from images i where i.generation_id = g.id) as images from generations g where id = $1",
    [id],
  );
  await client.end();
  expect(row.rows[0]).toEqual({ status: "completed", images: "1" });
});
