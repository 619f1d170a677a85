import { NextResponse } from "next/server";
import { readRecipeBody, withActor } from "@/lib/api";
import { enqueueGrid } from "@/lib/jobs/enqueue";

/**
 * POST: a variable grid — `template` (the studio's recipe, `{{variables}}` in its prompt and copy) and `csv`
 * (text) or `rows` (objects); a `locale` column sets each row's copy language. 201 `{gridId, jobs,
 * estimatedCostUsd, grid}`; `?dryRun=1` answers the preview (jobs, cost, budget left, the first prompts) and runs
 * nothing. A table with problems is a 400 `{errors: [{row, column, message}]}`, every one at once, rows numbered
 * as a spreadsheet shows them. `Idempotency-Key` makes a retry answer with the same grid.
 */
export const POST = withActor(
  async (request, actor) => {
    const read = await readRecipeBody(request);
    if ("error" in read) return read.error;
    const dryRun = ["1", "true"].includes(new URL(request.url).searchParams.get("dryRun") ?? "");
    const made = await enqueueGrid(actor, read.body, { dryRun, idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
    if (!made.ok)
      return NextResponse.json({ error: made.error, errors: made.errors, fieldErrors: made.fieldErrors, budget: made.budget }, { status: made.status });
    if (made.dryRun) return NextResponse.json({ dryRun: true, ...made.preview });
    const { grid } = made;
    return NextResponse.json({ gridId: grid.id, jobs: grid.jobs, estimatedCostUsd: grid.estimatedCostUsd, grid }, { status: made.duplicate ? 200 : 201 });
  },
  { body: "json" },
);
