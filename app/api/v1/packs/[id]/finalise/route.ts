import { NextResponse } from "next/server";
import { readRecipeBody, withActor } from "@/lib/api";
import { enqueueFinalise } from "@/lib/jobs/enqueue";

/**
 * POST `{}` or `{"generations": [draft ids]}`: re-runs a drafted pack's drafts (all, or the chosen ones) with
 * Nano Banana 2 at the tier each needs, same prompt and seed, the draft as a reference; their assets move to the
 * finals with the crops set on the drafts. `Idempotency-Key` makes a retry return the same finals. 201 with the
 * pack; 409 when there is nothing to finalise; 402 over a budget.
 */
export const POST = withActor(
  async (request, actor, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    const read = await readRecipeBody(request);
    if ("error" in read) return read.error;
    const made = await enqueueFinalise(actor, id, {
      generationIds: read.body.generations,
      idempotencyKey: request.headers.get("idempotency-key") ?? undefined,
    });
    if (!made.ok) return NextResponse.json({ error: made.error, fieldErrors: made.fieldErrors, budget: made.budget }, { status: made.status });
    return NextResponse.json(made.pack, { status: made.duplicate ? 200 : 201 });
  },
  { body: "json" },
);
