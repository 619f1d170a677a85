/**
 * The placement catalog and what is derived from it, held against the reference table (a copy of
 * AD-PLACEMENTS.md kept beside this test): pixels, byte caps, nearest model ratio, share of frame cropped,
 * smallest Nano Banana 2 tier and Lite's upscale — every row — and the plan of a pack.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PLACEMENTS, PRESETS } from "@/lib/placements/catalog";
import { cropLoss, nearestRatio, planPack, resolvePlacements, smallestTier, upscaleNeeded } from "@/lib/placements";

const table = readFileSync(path.join(__dirname, "fixtures", "ad-placements.md"), "utf8");
const rows = table
  .split("\n")
  .filter((line) => /^\| [a-z]+-[a-z-]+ \|/.test(line) && line.includes("×"))
  .map((line) =>
    line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

const bytes = (text: string) => {
  const [n, unit] = text.split(" ");
  return Number(n) * (unit === "MB" ? 1024 * 1024 : 1024);
};

describe("placement catalog", () => {
  it("holds the 23 placements of the reference table, with their pixels and byte caps", () => {
    expect(rows).toHaveLength(23);
    expect(PLACEMENTS.map((p) => p.id)).toEqual(rows.map((r) => r[0]));
    for (const [id, platform, name, pixels, maxBytes] of rows) {
      const placement = PLACEMENTS.find((p) => p.id === id)!;
      expect([placement.platform, placement.name, `${placement.width}×${placement.height}`, placement.maxBytes], id).toEqual([
        platform,
        name,
        pixels,
        bytes(maxBytes!),
      ]);
    }
  });

  it.each(rows.map((r) => [r[0]!, r] as const))("%s: nearest ratio, crop share, smallest tier and Lite upscale as the table says", (id, row) => {
    const [, , , , , ratio, cropped, tier, lite] = row;
    const placement = PLACEMENTS.find((p) => p.id === id)!;
    expect(nearestRatio(placement)).toBe(ratio);
    // The table rounds to a tenth of a percent (160×600 loses exactly 6.25%, printed 6.2%).
    expect(Math.abs(cropLoss(placement, nearestRatio(placement)) * 100 - Number.parseFloat(cropped!))).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(smallestTier(placement, "nano-banana-2")).toBe(tier);
    const upscale = upscaleNeeded(placement, nearestRatio(placement), "1K");
    expect(upscale === 0 ? "none" : `${Math.round(upscale * 100)}%`).toBe(lite);
  });

  it("has the keep-out zones of the reference table", () => {
    const zone = (id: string) => PLACEMENTS.find((p) => p.id === id)!.keepOut;
    expect(zone("meta-stories")).toMatchObject({ top: 0.14, bottom: 0.2 });
    expect(zone("meta-reels")).toMatchObject({ top: 0.14, bottom: 0.35, left: 0.06, right: 0.06 });
    expect(zone("tiktok-in-feed")).toMatchObject({ top: 0.13, bottom: 0.35, right: 0.12 });
    expect(zone("youtube-thumbnail")).toMatchObject({ bottom: 0.15, right: 0.18 });
    for (const id of ["google-landscape", "google-square", "google-portrait"]) expect(zone(id)).toMatchObject({ top: 0.1, bottom: 0.1, left: 0.1, right: 0.1 });
    expect(zone("pinterest-standard")).toMatchObject({ bottom: 0.12, right: 0.2 });
  });

  it("presets name the placements of each platform, and 'everything' all of them", () => {
    expect(PRESETS.meta!.ids).toHaveLength(5);
    expect(PRESETS.linkedin!.ids).toHaveLength(3);
    expect(PRESETS.x!.ids).toHaveLength(2);
    expect(PRESETS.iab!.ids).toHaveLength(7);
    expect(PRESETS.everything!.ids).toHaveLength(23);
    for (const preset of Object.values(PRESETS))
      for (const id of preset.ids)
        expect(
          PLACEMENTS.some((p) => p.id === id),
          id,
        ).toBe(true);
  });
});

describe("pack plan", () => {
  it("Meta plus two banners: six distinct ratios, one generation each, at the tier the largest placement needs", () => {
    const { placements, unknown } = resolvePlacements({ presets: ["meta"], placements: ["iab-medium-rectangle", "iab-leaderboard"] });
    expect(unknown).toEqual([]);
    const plan = planPack(placements, "nano-banana-2");
    expect(plan.sources.map((s) => s.ratio).sort()).toEqual(["1:1", "16:9", "4:5", "5:4", "8:1", "9:16"].sort());
    const tierOf = (ratio: string) => plan.sources.find((s) => s.ratio === ratio)!.resolution;
    expect([tierOf("1:1"), tierOf("4:5"), tierOf("9:16"), tierOf("16:9"), tierOf("5:4"), tierOf("8:1")]).toEqual(["2K", "2K", "2K", "1K", "512px", "512px"]);
    // Stories and Reels share one 9:16 generation.
    expect(plan.sources.find((s) => s.ratio === "9:16")!.placementIds).toEqual(["meta-stories", "meta-reels"]);
    expect(plan.costUsd).toBeCloseTo(3 * 0.12 + 0.08 + 2 * 0.06, 6);
    expect(plan.upscaled).toEqual([]);
    expect(plan.assets).toHaveLength(7);
  });

  it("Lite makes 1K only: the plan says which placements it would enlarge, and by how much", () => {
    const plan = planPack(resolvePlacements({ presets: ["meta"] }).placements, "nano-banana-2-lite");
    expect(plan.sources.every((s) => s.resolution === "1K")).toBe(true);
    expect(plan.upscaled).toEqual(["meta-feed-square", "meta-feed-portrait", "meta-stories", "meta-reels"]);
    expect(Math.round(plan.assets.find((a) => a.placementId === "meta-stories")!.upscale * 100)).toBe(41);
    expect(plan.costUsd).toBeCloseTo(4 * 0.04, 6);
  });

  it("marks far shapes and names unknown placements and presets", () => {
    const plan = planPack(resolvePlacements({ presets: ["iab"] }).placements, "nano-banana-2");
    expect(plan.assets.filter((a) => a.far).map((a) => a.placementId)).toEqual(["iab-half-page", "iab-mobile-banner", "iab-large-mobile-banner"]);
    expect(resolvePlacements({ placements: ["meta-stories", "meta-storeis"], presets: ["snapchat"] }).unknown).toEqual(["preset snapchat", "meta-storeis"]);
  });
});
