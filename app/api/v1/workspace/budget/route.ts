import { NextResponse } from "next/server";
import { jsonError, readRecipeBody, withActor } from "@/lib/api";
import { setMonthlyBudget } from "@/lib/workspaces/budget";

/** `{"monthlyUsd": 50}` sets the workspace's monthly cap, `null` removes it; owners only (403 otherwise). */
export const PUT = withActor(
  async (request, actor) => {
    // The same bounded JSON-object reader as a recipe: a small object, counted as it arrives.
    const read = await readRecipeBody(request);
    if ("error" in read) return read.error;
    if (!("monthlyUsd" in read.body)) return jsonError(400, "monthlyUsd: a number of dollars, or null for no cap.");
    const result = await setMonthlyBudget(actor.userId, actor.workspaceId, read.body.monthlyUsd);
    if (!result.ok) return jsonError(result.error.startsWith("Only") ? 403 : 400, result.error);
    return NextResponse.json({ budget: result.budget });
  },
  { body: "json" },
);
