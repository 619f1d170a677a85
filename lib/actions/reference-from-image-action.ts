"use server";
import { redirect } from "next/navigation";
import { getImage } from "../generations";
import { getStorage } from "../storage";
import { saveUpload } from "../images/uploads";
import { authedAction, type Result } from "./safe-action";

/** Copies one of the user's images into their references and opens the studio with it attached. */
export const referenceFromImageAction = authedAction(async (actor, imageId: string): Promise<Result> => {
  const image = await getImage(actor, String(imageId));
  if (!image) return { ok: false, error: "This image does not exist." };
  const bytes = await getStorage().get(image.storageKey);
  if (!bytes) return { ok: false, error: "The image file is missing from storage." };
  const saved = await saveUpload(actor, `image-${image.id.slice(0, 8)}`, bytes);
  if (!saved.ok) return saved;
  redirect(`/?ref=${saved.upload.id}`);
});
