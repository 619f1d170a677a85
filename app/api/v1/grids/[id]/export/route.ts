import { jsonError, withActor } from "@/lib/api";
import { GRID_EXPORT_LAYOUTS, gridZip, type GridExportLayout } from "@/lib/grids/export";
import { zipResponse } from "@/lib/library/board-export";

/** GET: the grid's finished images as a zip, a folder per row (`?by=row`, default) or per placement, with manifest.csv. */
export const GET = withActor(async (request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const by = new URL(request.url).searchParams.get("by") ?? "row";
  if (!GRID_EXPORT_LAYOUTS.includes(by as GridExportLayout)) return jsonError(400, "by: row or placement.");
  const made = await gridZip(actor, id, by as GridExportLayout);
  if (!made) return jsonError(404, "No such grid.");
  return zipResponse(made.zip, made.name);
});
