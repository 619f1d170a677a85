import { fileResponse, jsonError, withActor } from "@/lib/api";
import { isUuid } from "@/lib/ids";
import { getStorage } from "@/lib/storage";
import { getUpload } from "@/lib/images/uploads";

export const GET = withActor(async (_request, actor, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const upload = isUuid(id) ? await getUpload(actor, id) : null;
  const file = upload && (await getStorage().open(upload.storageKey));
  if (!upload || !file) return jsonError(404, "No such upload.");
  return fileResponse(file, upload.contentType);
});
