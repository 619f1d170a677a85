import { NextResponse } from "next/server";
import { jsonError, readRecipeBody, withActor } from "@/lib/api";
import { fetchGenerationViews, withImages } from "@/lib/generations";
import { enqueueRun } from "@/lib/jobs/enqueue";
import { fetchGalleryPage } from "@/lib/generations/gallery";
import { parseGalleryFilters } from "@/lib/generations/gallery-filters";

/**
 * The JSON API for scripts (personal access token as `Authorization: Bearer …`, or a session).
 *
 * POST: the studio form's recipe plus `count` (1–8): one generation per image, each with its own seed; and
 * `board`, a board (campaign) the images are made for: they go on it, and its own monthly cap applies.
 * An `Idempotency-Key` header makes a retried request return what it already made, without paying twice.
 */
export const POST = withActor(
  async (request, actor) => {
    const read = await readRecipeBody(request);
    if ("error" in read) return read.error;
    const { count = 1, board, ...recipe } = read.body;
    const created = await enqueueRun(actor, recipe, { count, board, idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
    // 402 when the Segmind account cannot pay for the run; 400 for anything wrong with the request.
    if (!created.ok)
      return NextResponse.json({ error: created.error, fieldErrors: created.fieldErrors, budget: created.budget }, { status: created.status ?? 400 });
    const generations = await withImages(created.generations);
    return NextResponse.json({ batchId: generations[0]?.batchId ?? null, generations }, { status: created.duplicate ? 200 : 201 });
  },
  { body: "json" },
);

/** GET: finished generations, newest first, with the gallery's filters (`q`, `model`, `ar`, `from`, `to`, `fav`, `board`) and `cursor`. */
export const GET = withActor(async (request, actor) => {
  const params = new URL(request.url).searchParams;
  const { filters, errors } = parseGalleryFilters(params);
  const invalid = Object.entries(errors)[0];
  if (invalid) return jsonError(400, `${invalid[0]}: ${invalid[1]}`);
  const limit = params.has("limit") ? Number(params.get("limit")) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) return jsonError(400, "limit: use a whole number from 1 to 200.");
  const page = await fetchGalleryPage(actor, filters, { cursor: params.get("cursor"), limit });
  if ("error" in page) return jsonError(400, page.error);
  const generations = await fetchGenerationViews(
    actor,
    page.items.map((i) => i.id),
  );
  return NextResponse.json({ generations, nextCursor: page.nextCursor }, { headers: { "cache-control": "no-store" } });
});
