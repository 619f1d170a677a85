import { NextResponse } from "next/server";
import { jsonError, withActor } from "@/lib/api";
import { enqueueGridRetry } from "@/lib/jobs/enqueue";

/** POST: the grid's failed cells run again — only those — each as it was. `Idempotency-Key` makes a retry safe. */
export const POST = withActor(async (request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const done = await enqueueGridRetry(actor, id, { idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
  if (!done.ok) return jsonError(done.status, done.error);
  return NextResponse.json({ retried: done.retried, grid: done.grid });
});
