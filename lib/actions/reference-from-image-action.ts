"use server";
import { redirect } from "next/navigation";
import { currentUserId } from "../auth";
import { getImageForUser } from "../generations";
import { getStorage } from "../storage";
import { saveUpload } from "../uploads";

/** Copies one of the user's images into their references and opens the studio with it attached. */
export async function referenceFromImageAction(imageId: string): Promise<{ error: string } | never> {
  const userId = await currentUserId();
  if (!userId) return { error: "Your session has ended. Sign in again." };
  const image = await getImageForUser(userId, String(imageId));
  if (!image) return { error: "This image does not exist." };
  const bytes = await getStorage().get(image.storageKey);
  if (!bytes) return { error: "The image file is missing from storage." };
  const saved = await saveUpload(userId, `image-${image.id.slice(0, 8)}`, bytes);
  if (!saved.ok) return { error: saved.error };
  redirect(`/?ref=${saved.upload.id}`);
}
