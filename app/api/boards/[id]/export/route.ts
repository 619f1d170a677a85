import { jsonError, withActor } from "@/lib/api";
import { exportBoardZip, zipResponse } from "@/lib/library/board-export";
import { getBoard } from "@/lib/library/boards";

/** A board as a zip: the originals plus manifest.csv with every recipe. */
export const GET = withActor(async (_request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const board = await getBoard(actor, id);
  if (!board) return jsonError(404, "No such board.");
  return zipResponse(await exportBoardZip(actor, board.id, board.name), board.name);
});
