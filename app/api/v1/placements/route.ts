import { NextResponse } from "next/server";
import { withActor } from "@/lib/api";
import { CHECKED_ON, PLACEMENTS, PRESETS } from "@/lib/placements/catalog";
import { nearestRatio, cropLoss, smallestTier } from "@/lib/placements";

/** The placement catalog: every placement with its pixels, cap, keep-out zones and model ratio; the presets. */
export const GET = withActor(async () =>
  NextResponse.json({
    checkedOn: CHECKED_ON,
    placements: PLACEMENTS.map((p) => ({
      ...p,
      ratio: nearestRatio(p),
      cropLoss: Math.round(cropLoss(p, nearestRatio(p)) * 1000) / 1000,
      smallestTier: smallestTier(p, "nano-banana-2"),
    })),
    presets: Object.entries(PRESETS).map(([name, preset]) => ({ name, label: preset.label, placements: preset.ids })),
  }),
);
