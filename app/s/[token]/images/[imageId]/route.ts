import { fileResponse, jsonError } from "@/lib/api";
import { extensionFor } from "@/lib/images/image-type";
import { sharedImage } from "@/lib/library/sharing";
import { getStorage } from "@/lib/storage";

/** A shared image's file (or `?thumb=1` its thumbnail), for anyone holding a live link that covers it. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string; imageId: string }> }) {
  const { token, imageId } = await params;
  const image = await sharedImage(token, imageId);
  const query = new URL(request.url).searchParams;
  const thumb = query.get("thumb") === "1";
  const file = image && (await getStorage().open(thumb ? image.thumbKey : image.storageKey));
  if (!image || !file) return jsonError(404, "This link does not exist or has been turned off.");
  const download = query.has("download") ? `nano-studio-shared-${image.id.slice(0, 8)}.${extensionFor(image.contentType)}` : undefined;
  // A revoked link must stop working at once: nothing may keep a copy.
  const response = fileResponse(file, thumb ? "image/webp" : image.contentType, download, "no-store");
  response.headers.set("x-robots-tag", "noindex");
  return response;
}
