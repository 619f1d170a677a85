import { NextResponse } from "next/server";
import { readRecipeBody, withActor } from "@/lib/api";
import { enqueuePack } from "@/lib/jobs/enqueue";

/**
 * POST: a placement pack — the studio's recipe plus `placements` (ids) and/or `presets` (names). One generation
 * per distinct model ratio, one file per placement derived when its source is stored. `Idempotency-Key` makes
 * a retry return the same pack. 201 with the pack, its generations and its assets' planned sizes; unknown
 * placements are a 400 naming them; a budget refusal is a 402.
 */
export const POST = withActor(
  async (request, actor) => {
    const read = await readRecipeBody(request);
    if ("error" in read) return read.error;
    const created = await enqueuePack(actor, read.body, { idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
    if (!created.ok) return NextResponse.json({ error: created.error, fieldErrors: created.fieldErrors, budget: created.budget }, { status: created.status });
    return NextResponse.json(created.pack, { status: created.duplicate ? 200 : 201 });
  },
  { body: "json" },
);
