import { jsonError } from "@/lib/api";
import { zipResponse } from "@/lib/library/board-export";
import { sharedZip } from "@/lib/library/sharing";

/** A shared board (every image, with its public recipe) or pack (every file, with its manifest) in one zip. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const shared = await sharedZip(token);
  if (!shared) return jsonError(404, "This link does not exist or has been turned off.");
  return zipResponse(shared.zip, shared.name);
}
