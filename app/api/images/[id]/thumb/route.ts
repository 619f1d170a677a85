import { fileResponse, jsonError, withActor } from "@/lib/api";
import { getImage } from "@/lib/generations";
import { getStorage } from "@/lib/storage";

export const GET = withActor(async (_request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const image = await getImage(actor, id);
  const thumbnail = image && (await getStorage().open(image.thumbKey));
  if (!thumbnail) return jsonError(404, "No such image.");
  return fileResponse(thumbnail, "image/webp");
});
