/**
 * `pack_derive_ms` and `pack_derive_peak_rss_mb`: deriving all 23 placements ("everything") from their source
 * images — one per distinct ratio, at the tier the plan picks for Nano Banana 2 — in one fresh process.
 *
 *   tsx --conditions=react-server bench/pack-derive.ts prepare <dir>   writes the sources (simulator renders, PNG,
 *                                                                       and Gaussian noise: the worst case for a byte cap)
 *   tsx --conditions=react-server bench/pack-derive.ts measure <dir> <kind>
 *
 * Measuring runs in its own process after the sources exist, so its peak RSS is the derive's own. Each of the
 * RUNS rounds reads every source from disk, decodes it once and derives its placements, as the worker does;
 * the first round is the cold one (libvips and the JIT warm up) and is reported apart from the median.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { planPack } from "../lib/placements";
import { PLACEMENTS } from "../lib/placements/catalog";
import { decodeSource, deriveAsset } from "../lib/placements/derive";
import { renderImage } from "../lib/segmind/simulator/render";

const RUNS = 5;
const [, , mode, dir = "", kind = "render"] = process.argv;
const plan = planPack(PLACEMENTS, "nano-banana-2");

if (mode === "prepare") {
  mkdirSync(dir, { recursive: true });
  for (const source of plan.sources) {
    const rendered = await renderImage({
      model: "nano-banana-2",
      prompt: "Acme lemonade can on a picnic table, bold headline SUMMER IS HERE",
      seed: 424242,
      aspectRatio: source.ratio,
      resolution: source.resolution,
      width: source.width,
      height: source.height,
      format: "png",
      params: {},
      references: [],
    });
    writeFileSync(path.join(dir, `render-${source.ratio.replace(":", "x")}.png`), rendered);
    const noise = await sharp({
      create: { width: source.width, height: source.height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } },
    })
      .png({ compressionLevel: 1 })
      .toBuffer();
    writeFileSync(path.join(dir, `noise-${source.ratio.replace(":", "x")}.png`), noise);
  }
} else if (mode === "measure") {
  const byId = new Map(PLACEMENTS.map((p) => [p.id, p]));
  const rounds: number[] = [];
  let failed = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    for (const source of plan.sources) {
      const decoded = await decodeSource(readFileSync(path.join(dir, `${kind}-${source.ratio.replace(":", "x")}.png`)));
      for (const id of source.placementIds) {
        const derived = await deriveAsset(decoded, byId.get(id)!);
        if (!derived.ok) failed++;
      }
    }
    rounds.push(performance.now() - start);
  }
  const sorted = rounds.slice(1).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      coldMs: Math.round(rounds[0]!),
      medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!),
      maxMs: Math.round(Math.max(...rounds)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      failed: failed / RUNS,
      sources: plan.sources.length,
    }),
  );
}
