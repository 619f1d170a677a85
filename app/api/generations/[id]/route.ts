import { NextResponse } from "next/server";
import { jsonError, withActor } from "@/lib/api";
import { waitParam, watchGenerations } from "@/lib/generations/watch";

/**
 * A job's state. With `?wait=MS&known=FINGERPRINT` it is a long poll: the answer comes as soon as the job
 * changes (or when MS runs out), so a finished image reaches the page at once instead of at the next poll.
 * Without `known`, `?wait=MS` waits for the job to finish: what a script wants.
 */
export const GET = withActor(async (request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const url = new URL(request.url);
  const known = url.searchParams.get("known");
  const [view] = await watchGenerations(actor, [id], {
    known: known === null ? undefined : new Map([[id, known]]),
    waitMs: waitParam(url),
    signal: request.signal,
  });
  if (!view) return jsonError(404, "No such generation.");
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
