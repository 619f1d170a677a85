import { jsonError } from "@/lib/api";
import { extensionFor } from "@/lib/images/image-type";
import { sharedImage } from "@/lib/library/sharing";
import { getStorage } from "@/lib/storage";

/** A shared image's file (or `?thumb=1` its thumbnail), for anyone holding a live link that covers it. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string; imageId: string }> }) {
  const { token, imageId } = await params;
  const image = await sharedImage(token, imageId);
  const query = new URL(request.url).searchParams;
  const thumb = query.get("thumb") === "1";
  const bytes = image && (await getStorage().get(thumb ? image.thumbKey : image.storageKey));
  if (!image || !bytes) return jsonError(404, "This link does not exist or has been turned off.");
  const headers: Record<string, string> = {
    "content-type": thumb ? "image/webp" : image.contentType,
    "content-length": String(bytes.length),
    // A revoked link must stop working at once: nothing may keep a copy.
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-robots-tag": "noindex",
  };
  if (query.has("download"))
    headers["content-disposition"] = `attachment; filename="nano-studio-shared-${image.id.slice(0, 8)}.${extensionFor(image.contentType)}"`;
  return new Response(new Uint8Array(bytes), { headers });
}
