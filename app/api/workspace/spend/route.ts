import { csvResponse, jsonError, withActor } from "@/lib/api";
import { spendCsv } from "@/lib/workspaces/spend";

/** This month's spending generations of the active workspace as CSV (owners). */
export const GET = withActor(async (_request, actor) => {
  const result = await spendCsv(actor);
  if (!result.ok) return jsonError(403, result.error);
  return csvResponse(result.csv, `spend-${new Date().toISOString().slice(0, 7)}.csv`);
});
