import { NextResponse } from "next/server";
import { jsonError, withActor } from "@/lib/api";
import { waitParam } from "@/lib/generations/watch";
import { waitForAnyJobChange } from "@/lib/jobs/events";
import { packView } from "@/lib/packs";

/** A pack: its generations and each asset's status, pixels, bytes and file. `?wait=MS` holds until it is done. */
export const GET = withActor(async (request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const deadline = Date.now() + waitParam(new URL(request.url));
  let view = await packView(actor, id);
  while (view && !view.done && Date.now() < deadline && !request.signal.aborted) {
    await waitForAnyJobChange(
      view.generations.map((g) => g.id),
      Math.min(1000, deadline - Date.now()),
      request.signal,
    );
    view = await packView(actor, id);
  }
  if (!view) return jsonError(404, "No such pack.");
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
