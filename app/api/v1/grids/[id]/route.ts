import { NextResponse } from "next/server";
import { jsonError, withActor } from "@/lib/api";
import { gridView } from "@/lib/grids";
import { waitParam } from "@/lib/generations/watch";
import { waitForAnyJobChange } from "@/lib/jobs/events";

/**
 * GET: a grid — each cell's variables, status, images and checks. `?wait=MS` holds until every cell is done;
 * with `known=<fingerprint>` (from the last answer) it answers as soon as any cell changes.
 */
export const GET = withActor(async (request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const url = new URL(request.url);
  const deadline = Date.now() + waitParam(url);
  const known = url.searchParams.get("known");
  let view = await gridView(actor, id);
  while (view && !view.done && (known === null || view.fingerprint === known) && Date.now() < deadline && !request.signal.aborted) {
    await waitForAnyJobChange(
      view.cells.flatMap((c) => (c.generation ? [c.generation.id] : [])),
      Math.min(1000, deadline - Date.now()),
      request.signal,
    );
    view = await gridView(actor, id);
  }
  if (!view) return jsonError(404, "No such grid.");
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
