import { csvResponse, jsonError, withActor } from "@/lib/api";
import { auditCsv, parseAuditFilters } from "@/lib/audit";

/** The active workspace's audit log as CSV (owners), with the page's filters (`action`, `actor`, `from`, `to`). */
export const GET = withActor(async (request, actor) => {
  const result = await auditCsv(actor, parseAuditFilters(new URL(request.url).searchParams));
  if (!result.ok) return jsonError(403, result.error);
  return csvResponse(result.csv, `audit-${new Date().toISOString().slice(0, 10)}.csv`);
});
