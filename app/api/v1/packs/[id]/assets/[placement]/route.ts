import { NextResponse } from "next/server";
import { jsonError, readRecipeBody, withActor } from "@/lib/api";
import { rederiveAsset } from "@/lib/packs";

/**
 * Moves one asset's crop and derives it again — `{"focal": {"x": 0.7, "y": 0.4}}`, `{"box": {left, top, width,
 * height}}` (source pixels) or `{"mode": "pad", "background": "blur" | "#rrggbb"}`. Costs nothing: Segmind is
 * not asked.
 */
export const PUT = withActor(
  async (request, actor, { params }: { params: Promise<{ id: string; placement: string }> }) => {
    const { id, placement } = await params;
    const read = await readRecipeBody(request);
    if ("error" in read) return read.error;
    const result = await rederiveAsset(actor, id, placement, read.body);
    if (!result.ok) return jsonError(result.status, result.error);
    return NextResponse.json(result.asset);
  },
  { body: "json" },
);
