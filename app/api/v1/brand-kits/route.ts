import { NextResponse } from "next/server";
import { readRecipeBody, withActor } from "@/lib/api";
import { createKit, listKits } from "@/lib/brand-kits";

/** GET: the workspace's brand kits, each at its newest version. */
export const GET = withActor(async (_request, actor) => {
  return NextResponse.json({ brandKits: await listKits(actor) }, { headers: { "cache-control": "no-store" } });
});

/**
 * POST: a new kit (version 1) — `name`; `palette` (up to 8 `{hex, name}`); `style`; `legal`; `banned` (words and
 * claims); `images` (up to 6 `{uploadId, role: "logo" | "product"}`, uploaded first with POST /api/uploads).
 * 201 with the kit; 400 naming the field that is wrong; 403 for reviewers and viewers.
 */
export const POST = withActor(
  async (request, actor) => {
    const read = await readRecipeBody(request);
    if ("error" in read) return read.error;
    const created = await createKit(actor, read.body);
    if (!created.ok) return NextResponse.json({ error: created.error, fieldErrors: created.fieldErrors }, { status: created.status ?? 400 });
    return NextResponse.json(created.kit, { status: 201 });
  },
  { body: "json" },
);
