import { NextResponse } from "next/server";
import { jsonError, readRecipeBody, withActor } from "@/lib/api";
import { withImages } from "@/lib/generations";
import { enqueueRun } from "@/lib/jobs/enqueue";
import { waitParam, watchGenerations } from "@/lib/generations/watch";

const MAX_WATCHED = 100;

/**
 * Several jobs at once, for a page that follows many (a batch of eight, the studio's runs):
 * `?ids=a,b&known=fpA,fpB&wait=MS` answers as soon as any of them differs from what the page knows (or
 * when MS runs out). One open request per page instead of one per job, so a batch never exhausts the
 * browser's six connections per host.
 */
export const GET = withActor(async (request, actor) => {
  const url = new URL(request.url);
  const ids = (url.searchParams.get("ids") ?? "").split(",").filter(Boolean);
  if (ids.length === 0 || ids.length > MAX_WATCHED) return jsonError(400, `ids: give 1 to ${MAX_WATCHED} generation ids.`);
  const fingerprints = (url.searchParams.get("known") ?? "").split(",");
  const generations = await watchGenerations(actor, ids, {
    // What the page has no fingerprint for yet is news at once.
    known: new Map(ids.map((id, i) => [id, fingerprints[i] ?? ""])),
    waitMs: waitParam(url),
    signal: request.signal,
  });
  return NextResponse.json({ generations }, { headers: { "cache-control": "no-store" } });
});

/**
 * The form's generate action as JSON, for scripts and tools: the same recipe schema, and an
 * `Idempotency-Key` header that makes a retried request return the generation it already made.
 */
export const POST = withActor(
  async (request, actor) => {
    const read = await readRecipeBody(request);
    if ("error" in read) return read.error;
    const key = request.headers.get("idempotency-key") ?? undefined;
    const created = await enqueueRun(actor, read.body, { idempotencyKey: key });
    if (!created.ok) return NextResponse.json({ error: created.error, fieldErrors: created.fieldErrors }, { status: created.status ?? 400 });
    const [view] = await withImages(created.generations);
    return NextResponse.json(view, { status: created.duplicate ? 200 : 201 });
  },
  { body: "json" },
);
