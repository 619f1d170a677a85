import { fileResponse, jsonError, withUser } from "@/lib/api";
import { getImageForUser } from "@/lib/generations";
import { extensionFor } from "@/lib/image-type";
import { getStorage } from "@/lib/storage";

/** The original file, exactly as Segmind produced it; `?download=1` saves it under a telling name. */
export const GET = withUser(async (request, userId, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const image = await getImageForUser(userId, id);
  const bytes = image && (await getStorage().get(image.storageKey));
  if (!image || !bytes) return jsonError(404, "No such image.");
  const download = new URL(request.url).searchParams.has("download")
    ? `nano-studio-${image.generationId.slice(0, 8)}-${image.position}.${extensionFor(image.contentType)}`
    : undefined;
  return fileResponse(bytes, image.contentType, download);
});
