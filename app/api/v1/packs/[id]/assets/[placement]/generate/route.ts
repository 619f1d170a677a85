import { NextResponse } from "next/server";
import { withActor } from "@/lib/api";
import { enqueueOwnGeneration } from "@/lib/jobs/enqueue";

/**
 * POST: gives one (far-shaped) placement a generation of its own, composed for its shape, instead of a crop of
 * the shared one. Paid like any run; `Idempotency-Key` makes a retry return the same one. 201 with the pack.
 */
export const POST = withActor(async (request, actor, { params }: { params: Promise<{ id: string; placement: string }> }) => {
  const { id, placement } = await params;
  const made = await enqueueOwnGeneration(actor, id, placement, { idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
  if (!made.ok) return NextResponse.json({ error: made.error, fieldErrors: made.fieldErrors, budget: made.budget }, { status: made.status });
  return NextResponse.json(made.pack, { status: made.duplicate ? 200 : 201 });
});
