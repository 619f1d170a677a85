import { NextResponse } from "next/server";
import { withActor } from "@/lib/api";
import { remainingCredits } from "@/lib/segmind/credits";
import { budgetOf } from "@/lib/workspaces/budget";

/**
 * The money a run is checked against: what is left on the Segmind account (US dollars, or null when Segmind
 * does not say) and the workspace's monthly budget (null cap: none).
 */
export const GET = withActor(async (_request, actor) => {
  const [remainingUsd, budget] = await Promise.all([remainingCredits(), budgetOf(actor.workspaceId)]);
  return NextResponse.json({ remainingUsd, budget }, { headers: { "cache-control": "no-store" } });
});
