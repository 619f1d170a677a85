import { jsonError, withActor } from "@/lib/api";
import { audit } from "@/lib/audit";
import { exportBoardZip, zipResponse } from "@/lib/library/board-export";
import { getBoard } from "@/lib/library/boards";

/**
 * A board as a zip: the originals plus manifest.csv with every recipe, review state and approver.
 * `?approved=1` holds only its approved images. Any member may export; the export is in the audit log.
 */
export const GET = withActor(async (request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const board = await getBoard(actor, id);
  if (!board) return jsonError(404, "No such board.");
  const approvedOnly = new URL(request.url).searchParams.get("approved") === "1";
  const { zip, files } = await exportBoardZip(actor, board.id, board.name, { approvedOnly });
  await audit({ workspaceId: actor.workspaceId, actorId: actor.userId, action: "exported", subject: `board ${board.name}`, detail: { approvedOnly, files } });
  return zipResponse(zip, approvedOnly ? `${board.name} approved` : board.name);
});
