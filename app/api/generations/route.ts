import { NextResponse } from "next/server";
import { jsonError, readRecipeBody, withUser } from "@/lib/api";
import { createGeneration, fetchGenerationViews, withImages } from "@/lib/generations";
import { fingerprintOf, isFinal } from "@/lib/generations/view";
import { waitForAnyJobChange } from "@/lib/jobs/events";
import { wakeWorker } from "@/lib/jobs/worker";

const MAX_WAIT_MS = 20_000;
const MAX_WATCHED = 100;

/**
 * Several jobs at once, for a page that follows many (a batch of eight, the studio's runs):
 * `?ids=a,b&known=fpA,fpB&wait=MS` answers as soon as any of them differs from what the page knows (or
 * when MS runs out). One open request per page instead of one per job, so a batch never exhausts the
 * browser's six connections per host.
 */
export const GET = withUser(async (request, userId) => {
  const url = new URL(request.url);
  const ids = (url.searchParams.get("ids") ?? "").split(",").filter(Boolean);
  if (ids.length === 0 || ids.length > MAX_WATCHED) return jsonError(400, `ids: give 1 to ${MAX_WATCHED} generation ids.`);
  const known = new Map(ids.map((id, i) => [id, (url.searchParams.get("known") ?? "").split(",")[i] ?? ""]));
  const waitMs = Math.min(MAX_WAIT_MS, Math.max(0, Number(url.searchParams.get("wait")) || 0));
  const deadline = Date.now() + waitMs;
  let views = await fetchGenerationViews(userId, ids);
  const news = () => views.some((v) => known.get(v.id) !== fingerprintOf(v)) || views.every((v) => isFinal(v.status));
  while (!news() && Date.now() < deadline && !request.signal.aborted) {
    // Woken at once by this instance's worker; re-read every second in case another instance moved a job.
    await waitForAnyJobChange(
      views.map((v) => v.id),
      Math.min(1000, deadline - Date.now()),
      request.signal,
    );
    views = await fetchGenerationViews(userId, ids);
  }
  return NextResponse.json(
    {
      generations: views.map((v) => ({ ...v, fingerprint: fingerprintOf(v) })),
    },
    { headers: { "cache-control": "no-store" } },
  );
});

/**
 * The form's generate action as JSON, for scripts and tools: the same recipe schema, and an
 * `Idempotency-Key` header that makes a retried request return the generation it already made.
 */
export const POST = withUser(async (request, userId) => {
  const read = await readRecipeBody(request);
  if ("error" in read) return read.error;
  const key = request.headers.get("idempotency-key") ?? undefined;
  const created = await createGeneration(userId, read.body, key);
  if (!created.ok) return NextResponse.json({ error: created.error, fieldErrors: created.fieldErrors }, { status: 400 });
  if (!created.duplicate) wakeWorker();
  const [view] = await withImages([created.generation]);
  return NextResponse.json(view, { status: created.duplicate ? 200 : 201 });
});
