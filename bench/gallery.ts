/**
 * The gallery at scale: 10,000 generations seeded for one user, then, against a studio started on them,
 *   gallery_first_page_ms    server time of the gallery page (full HTML response), median of 15
 *   search_ms                a prompt-word search through the gallery API, median of 15
 *   gallery_page_weight_kb   every byte the first gallery view downloads (HTML, JS, CSS, fonts, thumbnails)
 *   studio_first_load_js_kb  the studio page's JavaScript, gzipped
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext } from "@playwright/test";

const COUNT = 10_000;
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
    env: { ...env, PORT: String(port), SIMULATOR_URL: options.simulatorUrl, NEXT_TELEMETRY_DISABLED: "1" },
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
