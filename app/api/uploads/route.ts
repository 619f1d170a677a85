import { NextResponse } from "next/server";
import { jsonError, withUser } from "@/lib/api";
import { MAX_UPLOAD_BYTES, saveUpload, uploadView } from "@/lib/uploads";

/** Upload one reference image (multipart field `file`). */
export const POST = withUser(async (request, userId) => {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES + 64 * 1024) return jsonError(413, "The image is larger than 10 MB. Use a smaller image.");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return jsonError(400, "Send the image as multipart form data in a field named “file”.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) return jsonError(400, "Send the image as multipart form data in a field named “file”.");
  const saved = await saveUpload(userId, file.name, Buffer.from(await file.arrayBuffer()));
  if (!saved.ok) return jsonError(400, saved.error);
  return NextResponse.json(uploadView(saved.upload), { status: 201 });
});
