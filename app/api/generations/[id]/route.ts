import { NextResponse } from "next/server";
import { jsonError, withUser } from "@/lib/api";
import { fetchGenerationView } from "@/lib/generations";
import { fingerprintOf as fingerprint, isFinal } from "@/lib/generations/view";
import { waitForJobChange } from "@/lib/jobs/events";

const MAX_WAIT_MS = 20_000;

/**
 * A job's state. With `?wait=MS&known=FINGERPRINT` it is a long poll: the answer comes as soon as the job
 * changes (or when MS runs out), so a finished image reaches the page at once instead of at the next poll.
 * Without `known`, `?wait=MS` waits for the job to finish: what a script wants.
 * Reading never calls Segmind; the worker does that.
 */
export const GET = withUser(async (request, userId, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const url = new URL(request.url);
  const waitMs = Math.min(MAX_WAIT_MS, Math.max(0, Number(url.searchParams.get("wait")) || 0));
  const known = url.searchParams.get("known");
  let view = await fetchGenerationView(userId, id);
  if (!view) return jsonError(404, "No such generation.");
  const deadline = Date.now() + waitMs;
  while ((known === null || known === fingerprint(view)) && !isFinal(view.status) && Date.now() < deadline && !request.signal.aborted) {
    // Woken at once by this instance's worker; re-read every second in case another instance moved the job.
    await waitForJobChange(id, Math.min(1000, deadline - Date.now()), request.signal);
    view = (await fetchGenerationView(userId, id))!;
  }
  return NextResponse.json({ ...view, fingerprint: fingerprint(view) }, { headers: { "cache-control": "no-store" } });
});
