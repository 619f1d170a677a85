import { fileResponse, jsonError, withUser } from "@/lib/api";
import { getImageForUser } from "@/lib/generations";
import { getStorage } from "@/lib/storage";

export const GET = withUser(async (_request, userId, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const image = await getImageForUser(userId, id);
  const bytes = image && (await getStorage().get(image.thumbKey));
  if (!image || !bytes) return jsonError(404, "No such image.");
  return fileResponse(bytes, "image/webp");
});
