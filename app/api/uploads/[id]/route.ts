import { fileResponse, jsonError, withUser } from "@/lib/api";
import { isUuid } from "@/lib/ids";
import { getStorage } from "@/lib/storage";
import { getUploadForUser } from "@/lib/images/uploads";

export const GET = withUser(async (_request, userId, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const upload = isUuid(id) ? await getUploadForUser(userId, id) : null;
  const bytes = upload && (await getStorage().get(upload.storageKey));
  if (!upload || !bytes) return jsonError(404, "No such upload.");
  return fileResponse(bytes, upload.contentType);
});
