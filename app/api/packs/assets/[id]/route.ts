import { fileResponse, jsonError, withActor } from "@/lib/api";
import { assetFile } from "@/lib/packs";

/** One placement file of a pack, for members of its workspace. */
export const GET = withActor(async (request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const file = await assetFile(actor, id);
  if (!file) return jsonError(404, "No such file.");
  return fileResponse(file.bytes, file.contentType, new URL(request.url).searchParams.has("download") ? file.name : undefined);
});
