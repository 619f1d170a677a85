import { jsonError, withActor } from "@/lib/api";
import { zipResponse } from "@/lib/library/board-export";
import { packZip } from "@/lib/packs";

/** The pack as a zip: `<platform>/<placement-id>_<width>x<height>.<ext>` plus manifest.csv. */
export const GET = withActor(async (_request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const pack = await packZip(actor, id);
  if (!pack) return jsonError(404, "No such pack.");
  return zipResponse(pack.zip, pack.name);
});
