import { fileResponse, jsonError, withActor } from "@/lib/api";
import { getImage } from "@/lib/generations";
import { getStorage } from "@/lib/storage";

export const GET = withActor(async (_request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const image = await getImage(actor, id);
  const bytes = image && (await getStorage().get(image.thumbKey));
  if (!image || !bytes) return jsonError(404, "No such image.");
  return fileResponse(bytes, "image/webp");
});
