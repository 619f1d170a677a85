import { NextResponse } from "next/server";
import { jsonError, withUser } from "@/lib/api";
import { createGeneration, withImages } from "@/lib/generations";
import { wakeWorker } from "@/lib/jobs/worker";

/**
 * The form's generate action as JSON, for scripts and tools: the same recipe schema, and an
 * `Idempotency-Key` header that makes a retried request return the generation it already made.
 */
export const POST = withUser(async (request, userId) => {
  if (Number(request.headers.get("content-length") ?? 0) > 256 * 1024) return jsonError(413, "The recipe is too large.");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonError(400, "Send the recipe as a JSON object.");
  }
  const key = request.headers.get("idempotency-key") ?? undefined;
  const created = await createGeneration(userId, body, key);
  if (!created.ok) return NextResponse.json({ error: created.error, fieldErrors: created.fieldErrors }, { status: 400 });
  if (!created.duplicate) wakeWorker();
  const [view] = await withImages([created.generation]);
  return NextResponse.json(view, { status: created.duplicate ? 200 : 201 });
});
