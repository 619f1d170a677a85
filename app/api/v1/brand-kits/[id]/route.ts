import { NextResponse } from "next/server";
import { jsonError, readRecipeBody, withActor } from "@/lib/api";
import { getKit, kitHistory, updateKit } from "@/lib/brand-kits";

type Context = { params: Promise<{ id: string }> };

/** GET: one kit at its newest version, or `?version=N`; with its versions. */
export const GET = withActor(async (request, actor, { params }: Context) => {
  const { id } = await params;
  const asked = new URL(request.url).searchParams.get("version");
  const version = asked === null ? undefined : Number(asked);
  if (version !== undefined && (!Number.isInteger(version) || version < 1)) return jsonError(400, "version: a whole number from 1.");
  const kit = await getKit(actor, id, version);
  if (!kit) return jsonError(404, "There is no such brand kit (or version of it) in this workspace.");
  return NextResponse.json({ ...kit, versions: await kitHistory(actor, id) }, { headers: { "cache-control": "no-store" } });
});

/** PUT: the kit as it should now be (the same fields as POST); saved as a new version. Runs already made keep theirs. */
export const PUT = withActor(
  async (request, actor, { params }: Context) => {
    const { id } = await params;
    const read = await readRecipeBody(request);
    if ("error" in read) return read.error;
    const saved = await updateKit(actor, id, read.body);
    if (!saved.ok) return NextResponse.json({ error: saved.error, fieldErrors: saved.fieldErrors }, { status: saved.status ?? 400 });
    return NextResponse.json(saved.kit);
  },
  { body: "json" },
);
