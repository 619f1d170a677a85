/**
 * `npm run bench`: the studio's figures, against a built app and the simulator, printed as `name: value`.
 *   burst_*                    200 generations from 4 users submitted at once
 *   status_calls_10_tabs       upstream status calls for one job watched by 10 tabs, beside status_calls_bound
 *   time_to_pixels_*           click to image painted in Chromium, minus that job's own simulated latency
 *                              (log-normal, median 4 s, σ 0.25), 15 runs before the model has a history (the
 *                              1 s loop) and 15 after; status calls per job beside the SDK's 1 s loop's
 *   gallery_*, search_ms, studio_first_load_js_kb   10,000 seeded generations (see bench/gallery.ts)
 *   pack_derive_*              all 23 placements derived from their sources (see bench/pack-derive.ts)
 *   copy_check_*               one 1K image read back with OCR and its copy judged (see bench/copy-check.ts)
 *   grid_create_*              a variable grid of 500 rows made: checked, written, queued (see bench/grid-create.ts)
 * The studio runs in its own process (scripts/start.mjs, which builds when needed); the simulator runs here,
 * so every upstream request can be counted.
 */
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { startSimulator } from "../lib/segmind/simulator/server";
import { chromiumLaunchOptions } from "../tests/e2e/chromium";
import { galleryBenchmarks } from "./gallery";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://localhost:${PORT}`;
const POLL_INTERVAL_MS = Number(process.env.BENCH_POLL_INTERVAL_MS ?? 1000);
const BURST = { users: 4, perUser: 50, latencyMs: 3000 };
const ECONOMY = { tabs: 10, latencyMs: 10_000 };
const PIXELS = { runs: 15, medianMs: 4000, sigma: 0.25, history: 30 };

const figures: [string, string | number][] = [];
// The PostgreSQL run (scripts/bench.mjs) prints its figures beside the embedded default's, named apart.
const suffix = process.env.BENCH_DATABASE_URL ? "_postgres" : "";
const report = (name: string, value: string | number) => {
  figures.push([`${name}${suffix}`, value]);
  console.log(`${name}${suffix}: ${value}`);
};

const simulator = await startSimulator({ latencyMs: BURST.latencyMs, rpm: 0 });
const studio = spawn("node", ["scripts/start.mjs"], {
  env: {
    ...process.env,
    PORT: String(PORT),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "nano-bench-")),
    SIMULATOR_URL: simulator.url,
    POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
    USER_MAX_CONCURRENT_JOBS: "100",
    USER_MAX_SUBMITS_PER_MINUTE: "1000",
    MAX_UPSTREAM_CONCURRENCY: "32",
    WORKER_CONCURRENCY: "64",
    NEXT_TELEMETRY_DISABLED: "1",
    // The benchmark makes its own accounts.
    SIGNUP: "open",
    // BENCH_DATABASE_URL runs the studio on PostgreSQL instead of embedded PGlite.
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  },
  stdio: ["ignore", "inherit", "inherit"],
  detached: true,
});
const stopStudio = () => {
  try {
    process.kill(-studio.pid!, "SIGTERM");
  } catch {
    // gone already
  }
};
process.on("exit", stopStudio);

await waitFor(async () => (await fetch(`${BASE}/api/health`).catch(() => null))?.ok === true, 300_000, "the studio to start");

const browser = await chromium.launch(chromiumLaunchOptions);

// BENCH_ONLY=burst,economy,pixels,gallery,packs,checks,grids runs a subset.
const only = new Set((process.env.BENCH_ONLY ?? "burst,economy,pixels,gallery,packs,checks,grids").split(","));
try {
  if (only.has("burst")) await burst();
  if (only.has("economy")) await economy();
  if (only.has("pixels")) await timeToPixels();
  if (only.has("gallery")) await galleryBenchmarks({ browser, port: PORT + 1, simulatorUrl: simulator.url, report });
  if (only.has("packs")) packDerive();
  if (only.has("checks")) copyCheck();
  if (only.has("grids")) gridCreate();
} catch (error) {
  console.error("benchmark failed:", error);
  process.exitCode = 1;
} finally {
  await browser.close().catch(() => undefined);
  stopStudio();
  await simulator.close();
}
console.log("\n" + figures.map(([k, v]) => `${k}: ${v}`).join("\n"));
process.exit(process.exitCode ?? 0);

// --- benchmarks ------------------------------------------------------------------------------------------

async function burst() {
  const users = await Promise.all(Array.from({ length: BURST.users }, (_, i) => newUser(`burst${i}`)));
  const tag = Date.now();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, studioRssMb())), 200);
  const submits = users.flatMap(({ context }, u) =>
    Array.from({ length: BURST.perUser }, async (_, i) => {
      const prompt = `burst ${tag} user ${u} #${i}`;
      const response = await retryOnReset(() =>
        context.request.post(`${BASE}/api/generations`, {
          data: { model: "nano-banana-2-lite", prompt },
          // As the studio's own page sends it: cookie-authenticated changes must come from its origin.
          headers: { origin: BASE, "idempotency-key": `${tag}-${u}-${i}` },
          timeout: 120_000,
        }),
      );
      return { ok: response.ok(), id: response.ok() ? ((await response.json()) as { id: string }).id : null, prompt, context };
    }),
  );
  const submitStart = Date.now();
  const submitted = await Promise.all(submits);
  report("burst_submit_phase_ms", Date.now() - submitStart);
  const finals = await Promise.all(
    submitted.map(async (s) => {
      if (!s.id) return "rejected";
      return waitForFinal(s.context, s.id, 600_000);
    }),
  );
  clearInterval(sampler);
  const stored = finals.filter((f) => f === "completed").length;
  const failed = finals.filter((f) => f === "failed").length;
  const posts = simulator.requests.filter((r) => r.method === "POST" && r.prompt?.startsWith(`burst ${tag} `));
  const uniquePrompts = new Set(posts.map((p) => p.prompt)).size;
  report("burst_submitted", submitted.filter((s) => s.ok).length);
  report("burst_stored", stored);
  report("burst_failed_with_reason", failed);
  report("burst_lost", BURST.users * BURST.perUser - stored - failed);
  report("burst_duplicate_submits", posts.length - uniquePrompts);
  report("burst_peak_rss_mb", Math.round(peakRss));
  report("burst_database", process.env.BENCH_DATABASE_URL ? "postgresql" : "pglite");
  await Promise.all(users.map((u) => u.context.close()));
}

async function economy() {
  const { context, page } = await newUser("economy");
  const prompt = `economy ${Date.now()} [sim:latency=${ECONOMY.latencyMs}]`;
  const response = await context.request.post(`${BASE}/api/generations`, { headers: { origin: BASE }, data: { model: "nano-banana-2-lite", prompt } });
  const { id } = (await response.json()) as { id: string };
  const tabs: Page[] = [page];
  for (let i = 1; i < ECONOMY.tabs; i++) tabs.push(await context.newPage());
  await Promise.all(tabs.map((tab) => tab.goto(`${BASE}/gallery/${id}`)));
  await waitForFinal(context, id, 120_000);
  const requestId = simulator.requests.find((r) => r.method === "POST" && r.prompt === prompt)!.requestId!;
  const statusCalls = simulator.requests.filter((r) => r.path === `/v2/requests/${requestId}/status`).length;
  report("status_calls_10_tabs", statusCalls);
  report("status_calls_bound", Math.ceil(ECONOMY.latencyMs / POLL_INTERVAL_MS) + 1);
  await context.close();
}

async function timeToPixels() {
  const { context, page } = await newUser("pixels");
  await page.goto(BASE);
  const latency = `[sim:latency=${PIXELS.medianMs}~${PIXELS.sigma}]`;

  /** One Generate click in the studio, timed to the new card's image decoded and painted. */
  async function clickToPixels(prompt: string) {
    await page.getByRole("textbox", { name: "Prompt" }).fill(prompt);
    const before = await page.getByTestId("job-card").count();
    const clickedAt = Date.now();
    const elapsed = await page.evaluate(async (before) => {
      const start = performance.now();
      (document.querySelector('form[aria-label="Generate an image"] button[type="submit"]') as HTMLButtonElement).click();
      for (;;) {
        const cards = document.querySelectorAll('[data-testid="job-card"]');
        const img = cards.length > before ? cards[0]!.querySelector<HTMLImageElement>('[data-testid="job-image"]') : null;
        if (img && img.complete && img.naturalWidth > 0) {
          await img.decode().catch(() => undefined);
          await new Promise((r) => requestAnimationFrame(() => r(null)));
          return performance.now() - start;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    }, before);
    const post = simulator.requests.find((r) => r.method === "POST" && r.prompt === prompt)!;
    const statuses = simulator.requests.filter((r) => r.path === `/v2/requests/${post.requestId}/status`);
    // Where the overhead goes: click to Segmind's POST, its result ready to our call seeing it, then to pixels.
    const doneAt = post.at + post.latencyMs!;
    const seenAt = statuses.find((r) => r.at >= doneAt)?.at ?? doneAt;
    return {
      overheadMs: elapsed - post.latencyMs!,
      statusCalls: statuses.length,
      latencyMs: post.latencyMs!,
      model: post.model!,
      phases: { submit: post.at - clickedAt, lag: seenAt - doneAt, store: clickedAt + elapsed - seenAt },
    };
  }

  async function series(name: string, count: number) {
    const runs = [];
    for (let run = 0; run < count; run++) runs.push(await clickToPixels(`pixels ${name} ${run} ${Date.now()} ${latency}`));
    const overheads = runs.map((r) => r.overheadMs).sort((a, b) => a - b);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const medianOf = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
    return {
      runs,
      phases: `submit ${medianOf(runs.map((r) => r.phases.submit))} / poll lag ${medianOf(runs.map((r) => r.phases.lag))} / result to pixels ${medianOf(runs.map((r) => r.phases.store))}`,
      median: Math.round(overheads[Math.floor(overheads.length / 2)]!),
      p90: Math.round(overheads[Math.ceil(overheads.length * 0.9) - 1]!),
      calls: mean(runs.map((r) => r.statusCalls)).toFixed(2),
      // The official SDK's loop for the same latencies: wait a second, ask, until done.
      sdkCalls: mean(runs.map((r) => Math.max(1, Math.ceil(r.latencyMs / 1000)))).toFixed(2),
    };
  }

  // Before the studio knows the model: the 1 s loop, as the SDK polls.
  const cold = await series("cold", PIXELS.runs);
  report("time_to_pixels_cold_overhead_ms", cold.median);
  report("time_to_pixels_cold_p90_ms", cold.p90);
  report("cold_status_calls_per_job", cold.calls);
  report("time_to_pixels_cold_phases_median_ms", cold.phases);

  // The history a studio in use has: more jobs of the same model and resolution, through the API.
  const model = cold.runs[0]!.model;
  await Promise.all(
    Array.from({ length: PIXELS.history - PIXELS.runs }, async (_, i) => {
      const response = await context.request.post(`${BASE}/api/generations`, {
        headers: { origin: BASE },
        data: { model, prompt: `pixels history ${i} ${latency}` },
      });
      await waitForFinal(context, ((await response.json()) as { id: string }).id, 120_000);
    }),
  );
  await new Promise((r) => setTimeout(r, 6000)); // the plan is looked for again every 5 s while there is none

  const learned = await series("learned", PIXELS.runs);
  report("time_to_pixels_overhead_ms", learned.median);
  report("time_to_pixels_p90_ms", learned.p90);
  report("status_calls_per_job", learned.calls);
  report("sdk_status_calls_per_job", learned.sdkCalls);
  report("time_to_pixels_phases_median_ms", learned.phases);
  report("time_to_pixels_runs_ms", learned.runs.map((r) => `${Math.round(r.overheadMs)}@${r.latencyMs}`).join(" "));
  await context.close();
}

// --- helpers ---------------------------------------------------------------------------------------------

async function newUser(name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE}/sign-up`);
  await page.getByLabel("Name").fill(name);
  const email = `${name}-${Date.now()}-${Math.random()}@bench.example`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("benchmark password");
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up never signs in by itself (it tells nobody whether an email was registered): sign in next.
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("benchmark password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${BASE}/`);
  return { context, page };
}

/**
 * What a browser does with a kept-alive connection the server closed just as a request went out on it
 * (Node closes idle sockets after 5 s; the first of 200 submits idle that long while the rest are answered):
 * send the request again. Safe here: GETs, and POSTs that carry an idempotency key — the simulator's count
 * of POSTs (burst_duplicate_submits) would show any second generation.
 */
async function retryOnReset<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 3 || !/ECONNRESET|socket hang up/.test(String(error))) throw error;
    }
  }
}

async function waitForFinal(context: BrowserContext, id: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await retryOnReset(() => context.request.get(`${BASE}/api/generations/${id}`));
    if (response.ok()) {
      const { status } = (await response.json()) as { status: string };
      if (status === "completed" || status === "failed") return status;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return "lost";
}

/**
 * Deriving all 23 placements from their sources (bench/pack-derive.ts), in processes of their own so the RSS
 * is the derive's: simulator renders (what the studio gets here), and Gaussian noise (the worst case for a
 * byte cap). The median is over the four warm rounds; the cold first round is reported too.
 */
function packDerive() {
  const dir = mkdtempSync(path.join(tmpdir(), "nano-pack-bench-"));
  const tsx = (args: string[]) =>
    execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "bench/pack-derive.ts", ...args], { encoding: "utf8" });
  tsx(["prepare", dir]);
  const measure = (kind: string) => JSON.parse(tsx(["measure", dir, kind]).trim().split("\n").at(-1)!) as Record<string, number>;
  const render = measure("render");
  const noise = measure("noise");
  report("pack_derive_ms", render.medianMs!);
  report("pack_derive_cold_ms", render.coldMs!);
  report("pack_derive_noise_ms", noise.medianMs!);
  report("pack_derive_peak_rss_mb", Math.max(render.peakRssMb!, noise.peakRssMb!));
  report("pack_derive_failed", render.failed! + noise.failed!);
}

function copyCheck() {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "bench/copy-check.ts"], { encoding: "utf8" });
  const figures = JSON.parse(out.trim().split("\n").at(-1)!) as Record<string, number>;
  report("copy_check_ms", figures.medianMs!);
  report("copy_check_p90_ms", figures.p90Ms!);
  report("copy_check_cold_ms", figures.coldMs!);
  report(`copy_check_burst_${figures.burst}_wall_ms`, figures.burstWallMs!);
  report("copy_check_peak_rss_mb", figures.peakRssMb!);
  report("copy_check_passed", `${figures.passed} of ${figures.checked}`);
  report("copy_check_short_headline_found", `${figures.shortFound} of ${figures.shortTried}`);
  report("copy_check_short_headline_ms", figures.shortMedianMs!);
}

function gridCreate() {
  const out = execFileSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "bench/grid-create.ts"], { encoding: "utf8" });
  const figures = JSON.parse(out.trim().split("\n").at(-1)!) as Record<string, number>;
  report(`grid_create_ms`, figures.medianMs!);
  report(`grid_create_max_ms`, figures.maxMs!);
  report(`grid_create_cold_ms`, figures.coldMs!);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Resident memory of the studio's whole process tree (start script, next-server), in MB. */
function studioRssMb(): number {
  try {
    const out = execFileSync("ps", ["-o", "rss=,pgid=", "-e"], { encoding: "utf8" });
    return out
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([, pgid]) => Number(pgid) === studio.pid)
      .reduce((sum, [rss]) => sum + Number(rss) / 1024, 0);
  } catch {
    return Number(readFileSync(`/proc/${studio.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
  }
}
