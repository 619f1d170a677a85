import { jsonError, withUser } from "@/lib/api";
import { exportBoardZip } from "@/lib/library/board-export";
import { getBoard } from "@/lib/library/boards";

/** A board as a zip: the originals plus manifest.csv with every recipe. */
export const GET = withUser(async (_request, userId, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const board = await getBoard(userId, id);
  if (!board) return jsonError(404, "No such board.");
  const zip = await exportBoardZip(userId, board.id, board.name);
  const name = `${board.name.replace(/[^\w-]+/g, "-").replace(/^-|-$/g, "") || "board"}.zip`;
  return new Response(new Uint8Array(zip), {
    headers: {
      "content-type": "application/zip",
      "content-length": String(zip.length),
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});
