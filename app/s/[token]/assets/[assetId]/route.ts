import { jsonError } from "@/lib/api";
import { sharedAsset } from "@/lib/library/sharing";

/** One file of a shared pack, for anyone holding a live link to it (`?download=1` to save it). */
export async function GET(request: Request, { params }: { params: Promise<{ token: string; assetId: string }> }) {
  const { token, assetId } = await params;
  const file = await sharedAsset(token, assetId);
  if (!file) return jsonError(404, "This link does not exist or has been turned off.");
  const headers: Record<string, string> = {
    "content-type": file.contentType,
    "content-length": String(file.bytes.length),
    // A revoked link must stop working at once: nothing may keep a copy.
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-robots-tag": "noindex",
  };
  if (new URL(request.url).searchParams.has("download")) headers["content-disposition"] = `attachment; filename="${file.name}"`;
  return new Response(new Uint8Array(file.bytes), { headers });
}
