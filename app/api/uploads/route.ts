import { NextResponse } from "next/server";
import { jsonError, readLimitedBody, withActor } from "@/lib/api";
import { MAX_UPLOAD_BYTES, saveUpload, uploadView } from "@/lib/images/uploads";

const TOO_LARGE = "The image is larger than 10 MB. Use a smaller image.";
const NOT_MULTIPART = "Send the image as multipart form data in a field named “file”.";

/** Upload one reference image (multipart field `file`). The body is counted as it arrives. */
export const POST = withActor(
  async (request, actor) => {
    const bytes = await readLimitedBody(request, MAX_UPLOAD_BYTES + 64 * 1024);
    if (bytes === "too-large") return jsonError(413, TOO_LARGE);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(bytes), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    } catch {
      return jsonError(400, NOT_MULTIPART);
    }
    const file = form.get("file");
    if (!(file instanceof File)) return jsonError(400, NOT_MULTIPART);
    const saved = await saveUpload(actor, file.name, Buffer.from(await file.arrayBuffer()));
    if (!saved.ok) return jsonError(saved.forbidden ? 403 : 400, saved.error);
    return NextResponse.json(uploadView(saved.upload), { status: 201 });
  },
  { body: "multipart" },
);
