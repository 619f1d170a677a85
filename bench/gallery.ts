/**
 * The gallery at scale: 10,000 generations seeded for one user (100,000 on PostgreSQL), then, against a studio
 * started on them,
 *   gallery_first_page_ms    server time of the gallery page (full HTML response), median of 15
 *   search_ms                a prompt-word search through the gallery API, median of 15
 *   gallery_page_weight_kb   every byte the first gallery view downloads (HTML, JS, CSS, fonts, thumbnails)
 *   studio_first_load_js_kb  the studio page's JavaScript, gzipped
 *   gallery_first_page_during_checks_ms   the same page while 50 images with copy are read back (OCR) and
 *                                         checked in the studio's pool: median and p90 of the samples taken
 *                                         while checks were pending; checks_burst_50_submit_to_checked_ms is submit to the last verdict
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext } from "@playwright/test";
import { loadBenchmarks } from "./load";

// 100,000 on PostgreSQL, 10,000 on the embedded default.
const COUNT = process.env.BENCH_DATABASE_URL ? 100_000 : 10_000;
const EMAIL = "gallery-bench@example.com";
const PASSWORD = "gallery bench password";
const RUNS = 15;

export async function galleryBenchmarks(options: {
  browser: Browser;
  port: number;
  simulatorUrl: string;
  report: (name: string, value: string | number) => void;
}) {
  const { browser, port, report } = options;
  const base = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "nano-gallery-bench-"));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    SEED_COUNT: String(COUNT),
    SEED_EMAIL: EMAIL,
    SEED_PASSWORD: PASSWORD,
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  };
  const seeded = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "bench/seed-gallery.ts"], { env, encoding: "utf8" });
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  report("gallery_seeded_generations", Number(seeded.stdout.match(/seeded: (\d+)/)?.[1] ?? 0));

  const studio = spawn("node", ["scripts/start.mjs"], {
    env: {
      ...env,
      PORT: String(port),
      SIMULATOR_URL: options.simulatorUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      // The burst of checks is 50 images at once: no per-user limit holds them back in the queue.
      USER_MAX_CONCURRENT_JOBS: "100",
      USER_MAX_SUBMITS_PER_MINUTE: "1000",
      WORKER_CONCURRENCY: "64",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    const deadline = Date.now() + 300_000;
    while (
      !(await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false))
    ) {
      if (Date.now() > deadline) throw new Error("the gallery studio did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    const context = await browser.newContext({ viewport: { width: 1400, height: 950 } });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/`);

    report("gallery_first_page_ms", await median(context, `${base}/gallery`));
    report("search_ms", await median(context, `${base}/api/gallery?q=sneaker`));
    report("gallery_page_weight_kb", await pageWeightKb(context, `${base}/gallery`));
    report("studio_first_load_js_kb", await firstLoadJsKb(context, `${base}/`));
    const listed = (await (await context.request.get(`${base}/api/v1/generations?limit=20`)).json()) as { generations: { id: string }[] };
    const cookie = (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join("; ");
    await loadBenchmarks({ base, cookie, ids: listed.generations.map((g) => g.id), report });
    // The OCR burst is the embedded default's figure; the PostgreSQL run leaves it out.
    if (!process.env.BENCH_SKIP_CHECKS_BURST) await galleryDuringChecks(context, base, report);
    await context.close();
  } finally {
    try {
      process.kill(-studio.pid!, "SIGTERM");
    } catch {
      // gone already
    }
  }
}

/** Median wall time of complete responses on localhost: the server's time plus a loopback round trip. */
async function median(context: BrowserContext, url: string): Promise<number> {
  for (let i = 0; i < 3; i++) await context.request.get(url); // warm caches and compiled code paths
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const response = await context.request.get(url);
    await response.body();
    if (!response.ok()) throw new Error(`${url} answered ${response.status()}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]!);
}

const CHECK_BURST = 50;

/**
 * 50 images with copy made at once (7 runs of up to 8), so their checks (OCR in the studio's worker-thread pool,
 * then the copy, contrast judgements) pile up together; meanwhile the gallery page is fetched again and again.
 * Only samples taken while some finished image still had its check pending count.
 */
async function galleryDuringChecks(context: BrowserContext, base: string, report: (name: string, value: string | number) => void) {
  const tag = `checkburst${Date.now()}`;
  const copy = { headline: "LEMON FIZZ 2 FOR $5", cta: "Shop now", legal: "Offer ends 31 May." };
  for (let made = 0; made < CHECK_BURST; made += 8) {
    const response = await context.request.post(`${base}/api/v1/generations`, {
      data: { model: "nano-banana-2-lite", prompt: `${tag} a lemonade can, run ${made}`, copy, count: Math.min(8, CHECK_BURST - made) },
      headers: { origin: base },
    });
    if (!response.ok()) throw new Error(`the check burst could not be submitted: ${response.status()} ${await response.text()}`);
  }
  const started = performance.now();
  const samples: number[] = [];
  let checked = 0;
  while (checked < CHECK_BURST && performance.now() - started < 300_000) {
    const listed = (await (await context.request.get(`${base}/api/v1/generations?q=${tag}&limit=60`)).json()) as {
      generations: { checks: { status: string } | null }[];
    };
    const pending = listed.generations.filter((g) => g.checks?.status === "pending").length;
    checked = listed.generations.filter((g) => g.checks && g.checks.status !== "pending").length;
    if (pending === 0) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const start = performance.now();
    const page = await context.request.get(`${base}/gallery`);
    await page.body();
    samples.push(performance.now() - start);
  }
  if (checked < CHECK_BURST) throw new Error(`only ${checked} of ${CHECK_BURST} checks finished in 5 minutes`);
  samples.sort((a, b) => a - b);
  report("gallery_first_page_during_checks_ms", Math.round(samples[Math.floor(samples.length / 2)] ?? 0));
  report("gallery_first_page_during_checks_p90_ms", Math.round(samples[Math.floor(samples.length * 0.9)] ?? 0));
  report("gallery_first_page_during_checks_samples", samples.length);
  report("checks_burst_50_submit_to_checked_ms", Math.round(performance.now() - started));
}

/** Bytes on the wire for a first visit with an empty cache, until the network is quiet. */
async function pageWeightKb(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (event) => (bytes += event.encodedDataLength));
  await page.goto(url, { waitUntil: "networkidle" });
  await page.close();
  return Math.round(bytes / 1024);
}

/** Every script the page loaded, gzipped as a CDN would serve it. */
async function firstLoadJsKb(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  const scripts: string[] = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => e.name)
      .filter((name) => /\.js(\?|$)/.test(name)),
  );
  let total = 0;
  for (const script of new Set(scripts)) total += gzipSync(await (await context.request.get(script)).body()).length;
  await page.close();
  return Math.round(total / 1024);
}
