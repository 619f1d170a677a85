import { jsonError } from "@/lib/api";
import { zipResponse } from "@/lib/library/board-export";
import { sharedBoardZip } from "@/lib/library/sharing";

/** Every image of a shared board in one zip, with its public recipe, for anyone holding a live link. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await sharedBoardZip(token);
  if (!shared) return jsonError(404, "This link does not exist or has been turned off.");
  return zipResponse(shared.zip, shared.name);
}
